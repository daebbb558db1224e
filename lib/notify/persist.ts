import "server-only";
// Stores a targeted notification with its recipients and delivery plan in ONE SQL statement (one
// round trip, one commit, atomic like the transaction it replaces). Prisma's nested create costs a
// compiled query per table plus a transaction, which capped notify() at a few hundred a second;
// and it goes straight to the driver (`sql()`), not through Prisma's raw-query compiler.
import { randomUUID } from "node:crypto";
import { sql as database } from "@/lib/db/client";
import type { PlannedDelivery } from "./routing";

export type TargetedRow = {
  type: string;
  category: string;
  priority: string;
  message: string;
  data: Record<string, unknown>;
  idempotencyKey: string | null;
  requestHash: string | null;
  recipients: string[];
  deliveries: { userId: string; plan: PlannedDelivery[] }[];
};

/** Inserts the rows; returns the notification's id and creation time. Throws on a unique-key race. */
export async function insertTargeted(row: TargetedRow): Promise<{ id: bigint; createdAt: Date }> {
  const createdAt = new Date();
  // Timestamps are written as UTC wall-clock (TIMESTAMP(3) without zone), as Prisma writes them.
  const at = createdAt.toISOString();
  const params: unknown[] = [row.type, row.category, row.priority, row.message, JSON.stringify(row.data), row.idempotencyKey, row.requestHash, at];
  const p = (value: unknown) => `$${params.push(value)}`;
  const recipients = row.recipients.map((userId) => `(${p(userId)})`).join(",");
  const deliveries = row.deliveries
    .flatMap(({ userId, plan }) =>
      plan.map(
        (d) =>
          `(${p(randomUUID())},${p(userId)},${p(d.channel)},${p(d.status)},${p(d.reason)},${p(d.dueAt?.toISOString() ?? null)},${p(d.trigger ?? "offline")})`,
      ),
    )
    .join(",");
  const sql = `WITH n AS (
  INSERT INTO "Notification" ("type","category","priority","message","data","audience","idempotencyKey","requestHash","createdAt")
  VALUES ($1,$2,$3,$4,$5::jsonb,'USERS',$6,$7,$8::timestamp(3))
  RETURNING "id"
), r AS (
  INSERT INTO "Recipient" ("userId","notificationId") SELECT v.u, n."id" FROM n, (VALUES ${recipients}) AS v(u)
), d AS (
  INSERT INTO "Delivery" ("id","notificationId","userId","channel","status","reason","nextAttemptAt","trigger","createdAt","updatedAt")
  SELECT v.id, n."id", v.u, v.ch::"Channel", v.st::"DeliveryStatus", v.reason, v.due::timestamp(3), v.tr, $8::timestamp(3), $8::timestamp(3)
  FROM n, (VALUES ${deliveries}) AS v(id, u, ch, st, reason, due, tr)
)
SELECT "id"::text AS id FROM n`;
  const query = await database();
  const rows = await query<{ id: string }>(sql, params);
  return { id: BigInt(rows[0]!.id), createdAt };
}
