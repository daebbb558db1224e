import "server-only";
// Sending a stream what it missed, in order, then going live with no gap and no duplicate. Used
// when a stream opens with a cursor (Last-Event-ID) and when the bus comes back after a gap.
import { ephemeralEnvelope } from "@/lib/events/envelope";
import { log } from "@/lib/log";
import type { Connection, Frame } from "./connection";
import type { Registry } from "./registry";
import { latestEventId, loadMissed, markReplayed } from "./replay";
import { encodeEnvelope } from "./sse";

/**
 * Holds live frames, writes the durable events after `cursor` that `already` does not hold, then
 * releases the held frames that were not written yet. Past `limit` it sends `resync` instead.
 * If the database cannot be read, the stream is closed: the client reconnects with its
 * Last-Event-ID and the ordinary replay serves it (from any instance).
 *
 * An event can be in the database and still on its way over the bus to this instance: read here,
 * it would arrive live again after the release. `watermark` is the newest event this instance has
 * received from the bus; what is newer than it may still come, so those ids are kept on the
 * connection and their live copy is dropped when it arrives. The same holds for events the client
 * already has from another instance (after `cursor`'s instance, past this one's watermark).
 */
export async function sendMissed(
  registry: Registry,
  conn: Connection,
  cursor: bigint,
  limit: number,
  watermark: string | null,
  already?: ReadonlySet<string>,
): Promise<void> {
  conn.hold();
  const sent = new Set<string>();
  const comingLive = new Set<string>();
  const w = watermark === null ? null : BigInt(watermark);
  const from = w !== null && w < cursor ? w : cursor;
  let skipThrough: bigint | null = null;
  try {
    const missed = await loadMissed(conn.userId, from, limit);
    for (const envelope of missed.envelopes) {
      const id = BigInt(envelope.id);
      if (w === null || id > w) comingLive.add(envelope.id);
      if (id <= cursor || already?.has(envelope.id)) continue;
      if (!conn.write(encodeEnvelope(envelope, true), envelope.id)) return;
      sent.add(envelope.id);
      registry.counters.replayed++;
    }
    if (missed.truncated) {
      // Too much was missed to replay: tell the client to reload its state, and move its cursor
      // to now so the next reconnect does not replay the same backlog again.
      const latest = await latestEventId();
      const resync = { ...ephemeralEnvelope("resync", "Too many missed events; reload", { reason: "replay_limit", latestId: latest }), id: latest ?? "0" };
      conn.write(encodeEnvelope(resync, latest !== null), latest);
      registry.counters.resyncs++;
      if (latest !== null) skipThrough = BigInt(latest);
    }
    void markReplayed(conn.userId, [...sent]).catch((err) => log().error({ err, user: conn.userId }, "replay ledger update failed"));
  } catch (err) {
    log().error({ err, stream: conn.id, user: conn.userId }, "replay failed");
    conn.close("catch_up_failed");
    return;
  }
  registry.counters.framesDelivered += conn.release((frame: Frame) => {
    if (frame.id === null) return false;
    if (comingLive.delete(frame.id) || sent.has(frame.id) || already?.has(frame.id)) return true;
    return skipThrough !== null && BigInt(frame.id) <= skipThrough;
  });
  conn.expectLive(comingLive);
}

/**
 * After a bus gap: what the stream missed since its place when the bus went down. If the bus
 * went down again meanwhile, a new gap starts from where this catch-up got to.
 */
export async function catchUp(
  registry: Registry,
  conn: Connection,
  limit: number,
  watermark: () => string | null,
  downAgain: () => string | null | false,
): Promise<void> {
  const gap = conn.gap;
  if (!gap || conn.closed) return;
  // gap.from null: nothing durable existed when the gap began, so everything stored since is missed.
  await sendMissed(registry, conn, gap.from === null ? 0n : BigInt(gap.from), limit, watermark(), gap.written);
  if (conn.gap !== gap) return;
  conn.gap = null;
  const again = downAgain();
  if (again !== false) conn.beginGap(again);
}
