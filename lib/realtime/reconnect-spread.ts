// How the streams of a stopping process come back: not all at once. Each stream gets a `retry:`
// hint (EventSource waits that long before reconnecting, sending Last-Event-ID) such that, taken
// together, the reconnects arrive at about `perSecond` per second: stream k of n waits
// base + k/perSecond seconds, plus a jitter inside its own 1/perSecond slot, and the slots are
// shuffled so no user is always last. 10,000 streams at 100/s come back over ~100 s, each
// reconnect costing a session check and a replay by cursor instead of a stampede of them.
import { encodeRetry } from "./sse";

export type SpreadOptions = {
  /** The shortest wait (ms): the next process needs a moment to listen. */
  baseMs: number;
  /** Reconnects per second the streams of this process should add up to. */
  perSecond: number;
  random?: () => number;
};

/** `count` retry delays (ms), spread over count/perSecond seconds after `baseMs`, in shuffled order. */
export function spreadDelays(count: number, { baseMs, perSecond, random = Math.random }: SpreadOptions): number[] {
  const slotMs = 1000 / perSecond;
  const delays = Array.from({ length: count }, (_, k) => Math.floor(baseMs + (k + random()) * slotMs));
  for (let i = delays.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [delays[i], delays[j]] = [delays[j]!, delays[i]!];
  }
  return delays;
}

/** One `retry:` frame per call, for `count` streams closed in turn (closeAll's `last`). */
export function spreadRetryHints(count: number, options: SpreadOptions): () => Uint8Array {
  const delays = spreadDelays(count, options);
  let next = 0;
  // More calls than counted (a stream opened meanwhile) take the last slots' far end.
  const after = Math.floor(options.baseMs + (count + 1) * (1000 / options.perSecond));
  return () => encodeRetry(delays[next++] ?? after);
}
