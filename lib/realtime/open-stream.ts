import "server-only";
// Opening the one SSE stream: a Stream admitted by the hub, the retry hint and the greeting at
// once, then (with a cursor) its catch-up before live events.
import { env } from "@/lib/env";
import { formatCursor, type Cursor } from "@/lib/events/cursor";
import { ephemeralEnvelope } from "@/lib/events/envelope";
import { log } from "@/lib/log";
import { hub } from "./hub";
import { encodeEnvelope, encodeRetry } from "./sse";
import { Stream } from "./stream";

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

/** A stopping process refuses new streams (503): asked before the session, so a refusal costs no lookup. */
export async function refuseIfStopping(): Promise<void> {
  (await hub()).registry.refuseIfStopping();
}

/** Opens a stream for a signed-in viewer. Throws HeraldError (429/503) when a limit refuses it. */
export async function openEventStream(opts: { viewer: StreamViewer; cursor: Cursor | null; signal: AbortSignal }): Promise<Response> {
  const e = env();
  const h = await hub();
  const { viewer, cursor } = opts;
  const from = cursor === null ? null : formatCursor(cursor.id, cursor.xmin, cursor.txid, cursor.own);
  const expiresAt = Math.min(Date.now() + e.HERALD_STREAM_MAX_LIFETIME_MS, viewer.expiresAt);
  const stream = new Stream(viewer.userId, viewer.sid, expiresAt, e.HERALD_STREAM_MAX_QUEUE_BYTES, h.registry);
  // Held from the moment it is admitted, so no live frame slips between the replay and live ones.
  if (cursor !== null) {
    stream.hold();
    stream.openedFrom = from;
  }
  await h.admit(stream);

  // The stream is the body's underlying source (start attaches it, cancel closes it) and the
  // abort listener: no closures per stream.
  const body = new ReadableStream<Uint8Array>(stream, queuingStrategy(e.HERALD_STREAM_MAX_QUEUE_BYTES));
  // Headers leave only with the first chunk: send the retry hint and the greeting at once.
  stream.write(retryFrame(e.HERALD_RETRY_MS));
  const hello = ephemeralEnvelope("connection_established", "Real-time events connected", { connectionId: stream.id, resumedFrom: from });
  stream.write(encodeEnvelope(hello, null));
  if (opts.signal.aborted) stream.close("client_closed");
  else opts.signal.addEventListener("abort", stream, { once: true });

  log().debug({ stream: stream.id, user: viewer.userId, resumedFrom: from }, "stream opened");
  if (cursor !== null) void h.catchUp(stream, cursor);
  return new Response(body, { headers: STREAM_HEADERS });
}
