import "server-only";
// How much the offline outbox holds, by channel and status: what waits (pending), what a worker
// holds (sending), and the dead letters. One grouped count on the (status, nextAttemptAt) index.
import { sql } from "@/lib/db/client";
import { offlineChannels, type OfflineChannel } from "@/lib/events/definition";

export const outboxStatuses = ["pending", "sending", "dead"] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];
export type OutboxDepth = Record<OfflineChannel, Record<OutboxStatus, number>>;

export async function outboxDepth(): Promise<OutboxDepth> {
  const query = await sql();
  const rows = await query<{ channel: OfflineChannel; status: OutboxStatus; n: number }>(
    `SELECT channel::text AS channel, status::text AS status, count(*)::int AS n FROM "Delivery"
     WHERE status = ANY($1::text[]::"DeliveryStatus"[]) AND channel <> 'sse' GROUP BY 1, 2`,
    [outboxStatuses],
  );
  const depth = Object.fromEntries(
    offlineChannels.map((c) => [c, Object.fromEntries(outboxStatuses.map((s) => [s, 0]))]),
  ) as OutboxDepth;
  for (const r of rows) depth[r.channel][r.status] = Number(r.n);
  return depth;
}
