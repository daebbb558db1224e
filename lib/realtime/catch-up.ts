import "server-only";
// Sending a stream what it missed, then going live with no gap and no duplicate. Used when a
// stream opens with a cursor (Last-Event-ID) and when the bus comes back after a gap.
import { formatCursor, parseCursor, type Cursor } from "@/lib/events/cursor";
import { ephemeralEnvelope } from "@/lib/events/envelope";
import { log } from "@/lib/log";
import type { Stream, Frame } from "./stream";
import type { Arrived } from "./horizon";
import type { Registry } from "./registry";
import { latestCursor, loadReplay } from "./replay";
import { encodeEnvelope } from "./sse";

/**
 * What a replay may leave out: `already`, events this stream wrote during a bus gap (read back, or
 * arriving live); `has`, events its client is known to have. `onReplayed` hears which stored events
 * the replay wrote (the delivery ledger records them: transport knows nothing of it).
 */
type Known = {
  already?: ReadonlySet<string>;
  has?: (id: string, txid: bigint) => boolean;
  onReplayed?: ReplayListener;
};

/** Told the ids of the stored events a replay wrote to one of the user's streams. */
export type ReplayListener = (userId: string, ids: string[]) => void;

/**
 * Holds live frames, writes the durable events after `cursor` that are not `known` and that no
 * earlier replay on this stream wrote (each frame's `id:` is the cursor of the snapshot it was read
 * in), then releases the held frames that were not written yet. Past `limit` it sends `resync`
 * instead. If the database cannot be read, the stream is closed: the client reconnects with its
 * Last-Event-ID and the ordinary replay serves it (from any instance).
 *
 * An event can be in the database and still on its way over the bus to this instance: read here,
 * it would arrive live again after the release. Below `horizon()` (lib/realtime/horizon.ts) every
 * event has arrived; the written ones at or above it are kept on the stream and their live
 * copy is dropped when it comes. Ids are not compared as positions anywhere: they are not in
 * commit order.
 */
export async function catchUp(
  registry: Registry,
  stream: Stream,
  cursor: Cursor,
  limit: number,
  horizon: () => bigint,
  known: Known = {},
): Promise<void> {
  const { already, has, onReplayed } = known;
  stream.hold();
  const sent = new Map<string, bigint>();
  let skipThrough: bigint | null = null;
  try {
    const replay = await loadReplay(stream.userId, cursor, limit);
    for (const { envelope, txid } of replay.events) {
      if (already?.has(envelope.id) || stream.awaitsLive(envelope.id) || has?.(envelope.id, txid)) continue;
      const at = formatCursor(envelope.id, replay.xmin, txid);
      if (!stream.write(encodeEnvelope(envelope, at), envelope.id, at)) return;
      sent.set(envelope.id, txid);
      registry.counters.replayed++;
    }
    if (replay.truncated) {
      // Too much was missed to replay: tell the client to reload its state, and move its cursor
      // to now so the next reconnect does not replay the same backlog again.
      const latest = await latestCursor();
      const resync = { ...ephemeralEnvelope("resync", "Too many missed events; reload", { reason: "replay_limit", latestId: latest.id }), id: latest.id ?? "0" };
      stream.write(encodeEnvelope(resync, latest.cursor), resync.id, latest.cursor);
      registry.counters.resyncs++;
      if (latest.id !== null) skipThrough = BigInt(latest.id);
    }
    if (sent.size > 0) onReplayed?.(stream.userId, [...sent.keys()]);
  } catch (err) {
    log().error({ err, stream: stream.id, user: stream.userId }, "replay failed");
    stream.close("catch_up_failed");
    return;
  }
  const settled = horizon();
  const comingLive = new Set<string>();
  for (const [id, txid] of sent) if (txid >= settled) comingLive.add(id);
  registry.counters.framesDelivered += stream.release((frame: Frame) => {
    if (frame.id === null) return false;
    if (comingLive.delete(frame.id) || sent.has(frame.id) || already?.has(frame.id)) return true;
    // Stored before the resync's snapshot: the reloaded state has it.
    return skipThrough !== null && BigInt(frame.id) <= skipThrough;
  });
  stream.expectLive(comingLive);
}

/**
 * After a bus gap: what the stream missed since its place when the bus went down. If the bus
 * went down again meanwhile, a new gap starts from where this catch-up got to.
 */
export async function catchUpAfterGap(
  registry: Registry,
  stream: Stream,
  limit: number,
  horizon: () => bigint,
  downAgain: () => string | false,
  arrived?: Arrived,
  onReplayed?: ReplayListener,
): Promise<void> {
  const gap = stream.gap;
  if (!gap || stream.closed) return;
  // gap.from null: nothing durable existed when the gap began, so everything stored since is missed.
  const from = parseCursor(gap.from ?? "0") ?? parseCursor("0")!;
  // What had reached this instance when the gap began, every stream here had (live, or before it opened).
  const has = arrived && ((id: string, txid: bigint) => txid < arrived.below || arrived.ids.has(id));
  await catchUp(registry, stream, from, limit, horizon, { already: gap.written, has, onReplayed });
  if (stream.gap !== gap) return;
  stream.gap = null;
  const again = downAgain();
  if (again !== false) stream.beginGap(again);
}
