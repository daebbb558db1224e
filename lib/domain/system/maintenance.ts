import "server-only";
// Maintenance windows: announced to everyone online at once, and kept so that anyone opening the
// app later still sees the banner until the window is over.
import { prisma } from "@/lib/db/client";
import { HeraldError } from "@/lib/errors";
import { broadcast } from "@/lib/notify/notify";
import type { MaintenanceInput } from "@/lib/validations/admin";

export type MaintenanceNotice = { id: string; message: string; startTime: string; endTime: string };

export async function announceMaintenance(adminId: string, input: MaintenanceInput): Promise<MaintenanceNotice> {
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(startsAt.getTime() + input.durationMinutes * 60_000);
  if (endsAt.getTime() <= Date.now()) throw new HeraldError("invalid_request", "That window is already over");
  const db = await prisma();
  const row = await db.maintenanceWindow.create({ data: { message: input.message, startsAt, endsAt, createdById: adminId } });
  const notice = toNotice(row);
  await broadcast(
    {
      type: "system_maintenance",
      message: `⚠️ ${input.message}`,
      data: { startTime: notice.startTime, endTime: notice.endTime, windowId: row.id, text: input.message },
    },
    { idempotencyKey: `maintenance:${row.id}` },
  );
  return notice;
}

/** The window to show now: the earliest one that has not ended. */
export async function activeMaintenance(now = new Date()): Promise<MaintenanceNotice | null> {
  const db = await prisma();
  const row = await db.maintenanceWindow.findFirst({ where: { endsAt: { gt: now } }, orderBy: { startsAt: "asc" } });
  return row ? toNotice(row) : null;
}

function toNotice(row: { id: string; message: string; startsAt: Date; endsAt: Date }): MaintenanceNotice {
  return { id: row.id, message: row.message, startTime: row.startsAt.toISOString(), endTime: row.endsAt.toISOString() };
}
