// Reconnect delay with exponential growth and full jitter (as centrifuge-js does), so a server
// restart is not met by every browser at the same instant.
export function reconnectDelay(attempt: number, baseMs = 1000, maxMs = 30_000, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}
