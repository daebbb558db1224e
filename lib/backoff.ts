// Exponential backoff with full jitter (as centrifuge-js does): retry n waits anywhere below
// min(cap, base·2ⁿ), so browsers reconnecting after a restart, or deliveries retried after a
// provider outage, do not come back in lockstep. Shared by the browser and the outbox.
export function backoffDelay(retry: number, baseMs: number, capMs: number, random = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, retry));
  return Math.floor(random() * ceiling);
}
