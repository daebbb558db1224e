import "server-only";
// A claimed outbox row as the worker reads it, and how each step lands in its timeline.
import { hostname } from "node:os";
import type { Prisma } from "@prisma/client";
import { prisma } from "@/lib/db/client";

/** Written on every timeline entry, so a test (or an operator) sees which worker did what. */
export const worker = `${hostname()}:${process.pid}`;

export type Row = Prisma.DeliveryGetPayload<{
  include: {
    notification: true;
    user: { include: { devices: true; deliverySettings: true; channelPreferences: true } };
  };
}>;

export type Step = Omit<Prisma.DeliveryEventUncheckedCreateInput, "deliveryId" | "worker">;

/** Updates the row and writes the step to its timeline, together. */
export async function finish(row: Row, data: Prisma.DeliveryUpdateInput, step: Step): Promise<void> {
  const db = await prisma();
  await db.$transaction([
    db.delivery.update({ where: { id: row.id }, data }),
    db.deliveryEvent.create({ data: { ...step, deliveryId: row.id, worker } }),
  ]);
}
