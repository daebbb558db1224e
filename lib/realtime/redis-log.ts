import "server-only";
// ioredis reports every failed reconnect attempt: while Redis is away that is one line every
// couple of seconds per connection. Say it once a minute per connection and message instead.
import { log } from "@/lib/log";

export function redisLog(what: string): (err: Error) => void {
  let last = "";
  let at = 0;
  return (err: Error) => {
    const now = Date.now();
    if (err.message === last && now - at < 60_000) return;
    last = err.message;
    at = now;
    log().error({ err, client: what }, "redis error");
  };
}
