import "server-only";
// Stores a notification with its recipients and delivery plan in one SQL statement, straight on
// the driver (`sql()`): Prisma's nested create cost a compiled query per table plus a transaction,
// which capped notify() at a few hundred a second. Each insert also answers its transaction id and
// snapshot xmin, from which streams build resume cursors (docs/reliability.md, "The cursor").
import { sql as database } from "@/lib/db/client";
import type { PlannedDelivery } from "./routing";

export type StoredRow = { id: bigint; createdAt: Date; txid: string; xmin: string };

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

/**
 * Inserts the rows; returns the notification's id and creation time. Throws on a unique-key race.
 * The recipients and deliveries travel as one array per column (`unnest`), not as one parameter
 * per value: the statement text is the same for any number of recipients, and 100 recipients
 * (with two deliveries each) are 7 arrays to bind instead of ~1,500 parameters to serialise, send
 * and plan.
 */
export async function insertTargeted(row: TargetedRow): Promise<StoredRow> {
  const createdAt = new Date();
  // Timestamps are written as UTC wall-clock (TIMESTAMP(3) without zone), as Prisma writes them.
  const at = createdAt.toISOString();
  const d = { user: [] as string[], channel: [] as string[], status: [] as string[], reason: [] as (string | null)[], due: [] as (string | null)[], trigger: [] as string[] };
  for (const { userId, plan } of row.deliveries) {
    for (const p of plan) {
      d.user.push(userId);
      d.channel.push(p.channel);
      d.status.push(p.status);
      d.reason.push(p.reason);
      d.due.push(p.dueAt?.toISOString() ?? null);
      d.trigger.push(p.trigger ?? "offline");
    }
  }
  const params = [
    row.type, row.category, row.priority, row.message, JSON.stringify(row.data), row.idempotencyKey, row.requestHash, at,
    row.recipients, d.user, d.channel, d.status, d.reason, d.due, d.trigger,
  ];
  const sql = `WITH n AS (
  INSERT INTO "Notification" ("type","category","priority","message","data","audience","idempotencyKey","requestHash","createdAt")
  VALUES ($1,$2,$3,$4,$5::jsonb,'USERS',$6,$7,$8::timestamp(3))
  RETURNING "id", "txid"
), r AS (
  INSERT INTO "Recipient" ("userId","notificationId") SELECT v.u, n."id" FROM n, unnest($9::text[]) AS v(u)
), d AS (
  INSERT INTO "Delivery" ("id","notificationId","userId","channel","status","reason","nextAttemptAt","trigger","createdAt","updatedAt")
  SELECT gen_random_uuid()::text, n."id", v.u, v.ch::"Channel", v.st::"DeliveryStatus", v.reason, v.due::timestamp(3), v.tr, $8::timestamp(3), $8::timestamp(3)
  FROM n, unnest($10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[]) AS v(u, ch, st, reason, due, tr)
)
SELECT "id"::text AS id, "txid"::text AS txid, pg_snapshot_xmin(pg_current_snapshot())::text AS xmin FROM n`;
  const query = await database();
  const rows = await query<{ id: string; txid: string; xmin: string }>(sql, params);
  const stored = rows[0]!;
  return { id: BigInt(stored.id), createdAt, txid: stored.txid, xmin: stored.xmin };
}

export type BroadcastRow = Omit<TargetedRow, "recipients" | "deliveries">;

/** Inserts a broadcast (no recipients: it is for everyone). Throws on a unique-key race. */
export async function insertBroadcast(row: BroadcastRow): Promise<StoredRow> {
  const createdAt = new Date();
  const query = await database();
  const rows = await query<{ id: string; txid: string; xmin: string }>(
    `INSERT INTO "Notification" ("type","category","priority","message","data","audience","idempotencyKey","requestHash","createdAt")
VALUES ($1,$2,$3,$4,$5::jsonb,'BROADCAST',$6,$7,$8::timestamp(3))
RETURNING "id"::text AS id, "txid"::text AS txid, pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`,
    [row.type, row.category, row.priority, row.message, JSON.stringify(row.data), row.idempotencyKey, row.requestHash, createdAt.toISOString()],
  );
  const stored = rows[0]!;
  return { id: BigInt(stored.id), createdAt, txid: stored.txid, xmin: stored.xmin };
}
