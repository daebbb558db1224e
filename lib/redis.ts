import "server-only";
// The one place Redis clients are made (the bus's two, presence's, the rate limits'): each use's
// options side by side, errors logged once a minute, and every client still open quit at shutdown.
import { Redis, type RedisOptions } from "ioredis";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { processWide } from "@/lib/service";

/** What each client is for, and why its options differ. */
const uses = {
  // Fails at once while disconnected, never resent later: a late publish could arrive after the
  // catch-up read and be delivered twice (lib/realtime/redis-bus.ts).
  publish: { enableOfflineQueue: false, autoResendUnfulfilledCommands: false, maxRetriesPerRequest: 0, enableAutoPipelining: true },
  subscribe: { maxRetriesPerRequest: 3 },
  // A lookup while Redis is away fails at once and answers `unknown` (lib/realtime/presence.ts).
  presence: { enableOfflineQueue: false, maxRetriesPerRequest: 0 },
  limits: { maxRetriesPerRequest: 1 },
} satisfies Record<string, RedisOptions>;
export type RedisUse = keyof typeof uses;

type ClientOptions = { url?: string; keyPrefix?: string };

const clients = () => processWide("redis-clients", () => new Set<Redis>());

/**
 * A client for `use` on REDIS_URL (or `url`), not connected yet: connect it, or let
 * `connectRedis` do it. It is forgotten once it ends, and quit by `closeRedisClients` otherwise.
 */
export function createRedis(use: RedisUse, { url = env().REDIS_URL, keyPrefix }: ClientOptions = {}): Redis {
  if (!url) throw new Error(`REDIS_URL is not set (asked for a ${use} client)`);
  const name = `herald-${use}`;
  const client = new Redis(url, { ...uses[use], lazyConnect: true, connectionName: name, ...(keyPrefix ? { keyPrefix } : {}) });
  client.on("error", redisLog(name));
  client.once("end", () => clients().delete(client));
  clients().add(client);
  return client;
}

/** A connected client for `use`; when the first connect fails, nothing is left reconnecting. */
export async function connectRedis(use: RedisUse, options: ClientOptions = {}): Promise<Redis> {
  const client = createRedis(use, options);
  try {
    await client.connect();
  } catch (err) {
    client.disconnect();
    clients().delete(client);
    throw err;
  }
  return client;
}

/** Shutdown: quits every client its owner has not closed yet. */
export async function closeRedisClients(): Promise<void> {
  const open = [...clients()];
  clients().clear();
  await Promise.allSettled(open.map((client) => client.quit()));
}

/**
 * An error logger that says each distinct message at most once a minute: ioredis reports every
 * failed reconnect attempt, one line every couple of seconds per client while Redis is away.
 */
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
