import "server-only";
// The one SSE stream: a ReadableStream per stream, registered with the hub, that first replays
// what the user missed after their cursor and then carries live events, with no gap and no
// duplicate across the hand-over.
import { env } from "@/lib/env";
import { formatCursor, type Cursor } from "@/lib/events/cursor";
import { ephemeralEnvelope } from "@/lib/events/envelope";
import { log } from "@/lib/log";
import { Stream } from "./stream";
import { catchUp } from "./catch-up";
import { hub } from "./hub";
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
  cursor: Cursor | null;
  signal: AbortSignal;
}): Promise<Response> {
  const e = env();
  const { registry, horizon, before, replayed, bus } = await hub();
  const { viewer, cursor } = opts;
  const from = cursor === null ? null : formatCursor(cursor.id, cursor.xmin, cursor.txid, cursor.own);
  const expiresAt = Math.min(Date.now() + e.HERALD_STREAM_MAX_LIFETIME_MS, viewer.expiresAt);
  const stream = new Stream(viewer.userId, viewer.sid, expiresAt, e.HERALD_STREAM_MAX_QUEUE_BYTES, registry);
  // Hold live frames from the moment of registration, so none slips between replay and live.
  if (cursor !== null) {
    stream.hold();
    stream.openedFrom = from;
  }
  // This user's events reach this instance before anything is read for or sent to the stream;
  // the hub gives the watch back when the stream closes.
  await bus.watch(viewer.userId);
  try {
    registry.add(stream);
  } catch (err) {
    bus.unwatch(viewer.userId);
    throw err;
  }

  // The stream is the body's underlying source (start attaches it, cancel closes it) and the abort
  // listener: no closures per stream.
  const body = new ReadableStream<Uint8Array>(stream, queuingStrategy(e.HERALD_STREAM_MAX_QUEUE_BYTES));
  // Headers leave only with the first chunk: send the retry hint and the greeting at once.
  stream.write(retryFrame(e.HERALD_RETRY_MS));
  const hello = ephemeralEnvelope("connection_established", "Real-time events connected", {
    connectionId: stream.id,
    resumedFrom: from,
  });
  stream.write(encodeEnvelope(hello, null));
  if (opts.signal.aborted) stream.close("client_closed");
  else opts.signal.addEventListener("abort", stream, { once: true });

  log().debug({ stream: stream.id, user: viewer.userId, resumedFrom: from }, "stream opened");
  if (cursor !== null) {
    // After a live frame, what reached the bus before its event was on the client's stream before
    // it (every instance sees the bus in one order): no need to send that again.
    const after = String(cursor.id);
    const has = cursor.own === null ? undefined : (id: string) => before(id, after);
    void catchUp(registry, stream, cursor, e.HERALD_REPLAY_LIMIT, horizon, { has, onReplayed: replayed });
  }
  return new Response(body, { headers: STREAM_HEADERS });
}
