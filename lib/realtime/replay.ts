import "server-only";
// What a reconnecting user missed: their durable events after a cursor (lib/events/cursor.ts),
// by id, bounded. Plain statements on the driver: a transaction id (xid8) is not a type Prisma reads.
import { sql } from "@/lib/db/client";
import { formatCursor, type Cursor } from "@/lib/events/cursor";
import { toEnvelope, type Envelope } from "@/lib/events/envelope";

export type ReplayedEvent = { envelope: Envelope; txid: bigint };
/** `xmin`: of the snapshot the events were read in; with an event's id, the cursor of its frame. */
export type Replay = { events: ReplayedEvent[]; truncated: boolean; xmin: string | null };

/** A stored notification as the envelope needs it, with its transaction id and the snapshot's xmin. */
type Row = Parameters<typeof toEnvelope>[0] & { id: string; txid: string; xmin: string };

/**
 * The user's events after `after`, oldest id first: greater ids, and smaller ones whose transaction
 * was still open when the cursor was taken (read through the txid index; there are few).
 */
export async function loadReplay(userId: string, after: Cursor, limit: number): Promise<Replay> {
  const query = await sql();
  const rows = await query<Row>(
    `SELECT n."id"::text AS id, n."type", n."category", n."priority", n."message", n."data",
       n."createdAt" AT TIME ZONE 'UTC' AS "createdAt", n."txid"::text AS txid,
       pg_snapshot_xmin(pg_current_snapshot())::text AS xmin
     FROM "Notification" n
     WHERE (n."id" > $2 OR (n."id" < $2 AND n."txid" >= $3::xid8))
       AND (n."audience" = 'BROADCAST' OR EXISTS (SELECT 1 FROM "Recipient" r WHERE r."notificationId" = n."id" AND r."userId" = $1))
     ORDER BY n."id"
     LIMIT $4`,
    [userId, String(after.id), after.xmin === null ? null : String(after.xmin), limit + 1],
  );
  const truncated = rows.length > limit;
  return {
    events: rows.slice(0, limit).map((r) => ({ envelope: toEnvelope(r), txid: BigInt(r.txid) })),
    truncated,
    xmin: rows[0]?.xmin ?? null,
  };
}

/**
 * Where the stored events stand now, read in one snapshot: the newest id (null when there is none)
 * and the cursor after which everything not stored yet (or not committed yet) comes.
 */
export async function latestCursor(): Promise<{ id: string | null; cursor: string }> {
  const query = await sql();
  const [row] = await query<{ id: string | null; xmin: string }>(
    `SELECT max("id")::text AS id, pg_snapshot_xmin(pg_current_snapshot())::text AS xmin FROM "Notification"`,
  );
  return { id: row!.id, cursor: formatCursor(row!.id ?? "0", row!.xmin) };
}
