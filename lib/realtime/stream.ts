import "server-only";
// The one SSE stream: a ReadableStream per connection, registered with the hub, that first replays
// what the user missed after their cursor and then carries live events, with no gap and no
// duplicate across the hand-over.
import { env } from "@/lib/env";
import { ephemeralEnvelope } from "@/lib/events/envelope";
import { log } from "@/lib/log";
import { Connection, type Frame } from "./connection";
import { hub } from "./hub";
import type { Registry } from "./registry";
import { latestEventId, loadMissed, markReplayed } from "./replay";
import { encodeEnvelope, encodeRetry } from "./sse";

export const STREAM_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
} as const;

// One strategy object and one retry frame serve every stream (they only depend on configuration).
let strategy: { bytes: number; value: ByteLengthQueuingStrategy } | null = null;
function queuingStrategy(bytes: number): ByteLengthQueuingStrategy {
  if (strategy?.bytes !== bytes) strategy = { bytes, value: new ByteLengthQueuingStrategy({ highWaterMark: bytes }) };
  return strategy.value;
}
let retry: { ms: number; frame: Uint8Array } | null = null;
function retryFrame(ms: number): Uint8Array {
  if (retry?.ms !== ms) retry = { ms, frame: encodeRetry(ms) };
  return retry.frame;
}

export type StreamViewer = { userId: string; sid: string; expiresAt: number };

/** Opens a stream for a signed-in viewer. Throws HeraldError (429/503) when a limit refuses it. */
export async function openEventStream(opts: {
  viewer: StreamViewer;
  cursor: bigint | null;
  signal: AbortSignal;
}): Promise<Response> {
  const e = env();
  const { registry } = await hub();
  const { viewer, cursor } = opts;
  const expiresAt = Math.min(Date.now() + e.HERALD_STREAM_MAX_LIFETIME_MS, viewer.expiresAt);
  const conn = new Connection(viewer.userId, viewer.sid, expiresAt, e.HERALD_STREAM_MAX_QUEUE_BYTES, registry);
  // Hold live frames from the moment of registration, so none slips between replay and live.
  if (cursor !== null) conn.hold();
  registry.add(conn);

  // The connection is the underlying source (start attaches it, cancel closes it) and the abort
  // listener: no closures per stream.
  const stream = new ReadableStream<Uint8Array>(conn, queuingStrategy(e.HERALD_STREAM_MAX_QUEUE_BYTES));
  // Headers leave only with the first chunk: send the retry hint and the greeting at once.
  conn.write(retryFrame(e.HERALD_RETRY_MS));
  const hello = ephemeralEnvelope("connection_established", "Real-time events connected", {
    connectionId: conn.id,
    resumedFrom: cursor === null ? null : String(cursor),
  });
  conn.write(encodeEnvelope(hello, false));
  if (opts.signal.aborted) conn.close("client_closed");
  else opts.signal.addEventListener("abort", conn, { once: true });

  log().debug({ stream: conn.id, user: viewer.userId, resumedFrom: cursor === null ? null : String(cursor) }, "stream opened");
  if (cursor !== null) void replay(registry, conn, cursor, e.HERALD_REPLAY_LIMIT);
  return new Response(stream, { headers: STREAM_HEADERS });
}

async function replay(registry: Registry, conn: Connection, cursor: bigint, limit: number): Promise<void> {
  const sent = new Set<string>();
  let skipThrough: bigint | null = null;
  try {
    const missed = await loadMissed(conn.userId, cursor, limit);
    for (const envelope of missed.envelopes) {
      if (!conn.write(encodeEnvelope(envelope, true))) return;
      sent.add(envelope.id);
      registry.counters.replayed++;
    }
    if (missed.truncated) {
      // Too much was missed to replay: tell the client to reload its state, and move its cursor
      // to now so the next reconnect does not replay the same backlog again.
      const latest = await latestEventId();
      const resync = { ...ephemeralEnvelope("resync", "Too many missed events; reload", { reason: "replay_limit", latestId: latest }), id: latest ?? "0" };
      conn.write(encodeEnvelope(resync, latest !== null));
      registry.counters.resyncs++;
      if (latest !== null) skipThrough = BigInt(latest);
    }
    void markReplayed(conn.userId, [...sent]).catch((err) => log().error({ err, user: conn.userId }, "replay ledger update failed"));
  } catch (err) {
    log().error({ err, stream: conn.id, user: conn.userId }, "replay failed");
    conn.close("write_failed");
    return;
  }
  registry.counters.framesDelivered += conn.release((frame: Frame) => {
    if (frame.id === null) return false;
    if (sent.has(frame.id)) return true;
    return skipThrough !== null && BigInt(frame.id) <= skipThrough;
  });
}
