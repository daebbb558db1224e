import "server-only";
// ioredis reports every failed reconnect attempt: while Redis is away that is one line every
// couple of seconds per connection. Say it once per outage per connection instead.
export function redisLog(what: string): (err: Error) => void {
  let last = "";
  let at = 0;
  return (err: Error) => {
    const now = Date.now();
    if (err.message === last && now - at < 60_000) return;
    last = err.message;
    at = now;
    console.error(`[herald] redis (${what}): ${err.message}`);
  };
}
