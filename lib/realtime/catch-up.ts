import "server-only";
// Catch-up: a stream writes the replay (what it missed, read from the database after a cursor)
// while its live frames wait, then goes live with no gap and no repeat. On open with a cursor, and
// for every stream here after a bus gap. Why it is safe: docs/reliability.md ("Resume cursors and
// order", "Redis restarts").
import { formatCursor, parseCursor, type Cursor } from "@/lib/events/cursor";
import { ephemeralEnvelope } from "@/lib/events/envelope";
import { log } from "@/lib/log";
import type { Arrived, Horizon } from "./horizon";
import type { StreamCounters } from "./registry";
import type { latestCursor, loadReplay } from "./replay";
import { encodeEnvelope } from "./sse";
import type { Frame, Stream } from "./stream";

/** Told the ids of the stored events a replay wrote to one of the user's streams. */
export type ReplayListener = (userId: string, ids: string[]) => void;

/** What every catch-up of this process shares (the hub makes it once; a test its own). */
export type CatchUpContext = {
  counters: Pick<StreamCounters, "replayed" | "resyncs" | "framesDelivered">;
  /** Past this many missed events the stream gets `resync` instead (HERALD_REPLAY_LIMIT). */
  limit: number;
  horizon: Pick<Horizon, "current" | "before">;
  load: typeof loadReplay;
  latest: typeof latestCursor;
  /** The delivery ledger's: transport knows nothing of deliveries. */
  onReplayed: ReplayListener;
};

/** What a replay may leave out: `already`, what this stream wrote during a bus gap; `has`, what its client is known to have. */
type Known = { already?: ReadonlySet<string>; has?: (id: string, txid: bigint) => boolean };

/** A stream opened with a cursor: the events after it, then live. */
export function catchUpOnOpen(ctx: CatchUpContext, stream: Stream, cursor: Cursor): Promise<void> {
  // After a live frame's cursor, what reached the bus before that frame's event was on the
  // client's stream before it: every instance sees the bus in one order.
  const after = String(cursor.id);
  const has = cursor.own === null ? undefined : (id: string) => ctx.horizon.before(id, after);
  return catchUp(ctx, stream, cursor, { has });
}

/**
 * After a bus gap: what the stream missed since its place when the bus went down (`arrived`: what
 * had reached this instance by then). If the bus went down again meanwhile, a new gap starts from
 * where this one got to.
 */
export async function catchUpAfterGap(ctx: CatchUpContext, stream: Stream, downAgain: () => string | false, arrived?: Arrived): Promise<void> {
  const gap = stream.gap;
  if (!gap || stream.closed) return;
  // No place (nothing durable existed when the gap began): everything stored since was missed.
  const from = parseCursor(gap.from ?? "0") ?? parseCursor("0")!;
  const has = arrived && ((id: string, txid: bigint) => txid < arrived.below || arrived.ids.has(id));
  await catchUp(ctx, stream, from, { already: gap.written, has });
  if (stream.gap !== gap) return;
  stream.gap = null;
  const again = downAgain();
  if (again !== false) stream.beginGap(again);
}

/**
 * Holds live frames, writes the replayed events not known (each frame's `id:` the cursor of the
 * snapshot it was read in), then releases the held frames not written yet. A database that cannot
 * be read closes the stream: its client reconnects with Last-Event-ID, and any instance serves it.
 */
async function catchUp(ctx: CatchUpContext, stream: Stream, cursor: Cursor, { already, has }: Known): Promise<void> {
  stream.hold();
  const sent = new Map<string, bigint>();
  let skipThrough: bigint | null = null;
  try {
    const replay = await ctx.load(stream.userId, cursor, ctx.limit);
    for (const { envelope, txid } of replay.events) {
      if (already?.has(envelope.id) || stream.awaitsLive(envelope.id) || has?.(envelope.id, txid)) continue;
      const at = formatCursor(envelope.id, replay.xmin, txid);
      if (!stream.write(encodeEnvelope(envelope, at), envelope.id, at)) return;
      sent.set(envelope.id, txid);
      ctx.counters.replayed++;
    }
    if (replay.truncated) {
      // Too much to replay: the client reloads its state, and its cursor moves to now so the next
      // reconnect does not replay the same backlog again.
      const latest = await ctx.latest();
      const resync = { ...ephemeralEnvelope("resync", "Too many missed events; reload", { reason: "replay_limit", latestId: latest.id }), id: latest.id ?? "0" };
      stream.write(encodeEnvelope(resync, latest.cursor), resync.id, latest.cursor);
      ctx.counters.resyncs++;
      if (latest.id !== null) skipThrough = BigInt(latest.id);
    }
    if (sent.size > 0) ctx.onReplayed(stream.userId, [...sent.keys()]);
  } catch (err) {
    log().error({ err, stream: stream.id, user: stream.userId }, "replay failed");
    stream.close("catch_up_failed");
    return;
  }
  // A replayed event at or above the horizon may still be on its way over the bus: its live copy
  // is dropped when it comes. (Ids are never compared as positions: they are not in commit order.)
  const settled = ctx.horizon.current;
  const comingLive = new Set<string>();
  for (const [id, txid] of sent) if (txid >= settled) comingLive.add(id);
  ctx.counters.framesDelivered += stream.release((frame: Frame) => {
    if (frame.id === null) return false;
    if (comingLive.delete(frame.id) || sent.has(frame.id) || already?.has(frame.id)) return true;
    // Stored before the resync's snapshot: the reloaded state has it.
    return skipThrough !== null && BigInt(frame.id) <= skipThrough;
  });
  stream.expectLive(comingLive);
}
