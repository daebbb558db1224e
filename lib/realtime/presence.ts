import "server-only";
// Who is online: at least one open stream on any instance. In one process the registry knows;
// across instances each one keeps, per user, a Redis sorted set of instance ids scored by expiry,
// refreshed while the user has streams there, so a crashed instance's users age out by themselves.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { log } from "@/lib/log";
import type { Registry } from "./registry";

export interface Presence {
  /** The subset of `userIds` that is online anywhere. */
  online(userIds: string[]): Promise<Set<string>>;
  close(): Promise<void>;
}

export class LocalPresence implements Presence {
  constructor(private readonly registry: Registry) {}

  async online(userIds: string[]): Promise<Set<string>> {
    return new Set(userIds.filter((id) => this.registry.count(id) > 0));
  }

  async close(): Promise<void> {}
}

const TTL_MS = 30_000;
const REFRESH_MS = 10_000;

export class RedisPresence implements Presence {
  private readonly instance = randomUUID();
  private readonly timer: ReturnType<typeof setInterval>;

  static async connect(url: string, registry: Registry, prefix: string): Promise<RedisPresence> {
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3, connectionName: "herald-presence" });
    redis.on("error", (err: Error) => log().error({ err, client: "herald-presence" }, "redis presence error"));
    await redis.connect();
    return new RedisPresence(redis, registry, prefix);
  }

  private constructor(
    private readonly redis: Redis,
    private readonly registry: Registry,
    private readonly prefix: string,
  ) {
    registry.onUserActive = (userId) => void this.mark([userId]);
    registry.onUserIdle = (userId) => void this.redis.zrem(this.key(userId), this.instance).catch(logError);
    this.timer = setInterval(() => void this.mark(this.registry.onlineUserIds()), REFRESH_MS);
    this.timer.unref();
  }

  private key(userId: string): string {
    return `${this.prefix}presence:${userId}`;
  }

  private async mark(userIds: string[]): Promise<void> {
    if (userIds.length === 0) return;
    const expires = Date.now() + TTL_MS;
    const batch = this.redis.pipeline();
    for (const userId of userIds) {
      batch.zadd(this.key(userId), expires, this.instance);
      batch.pexpire(this.key(userId), TTL_MS);
    }
    await batch.exec().catch(logError);
  }

  async online(userIds: string[]): Promise<Set<string>> {
    const result = new Set(userIds.filter((id) => this.registry.count(id) > 0));
    const remote = userIds.filter((id) => !result.has(id));
    if (remote.length === 0) return result;
    const batch = this.redis.pipeline();
    const now = Date.now();
    for (const userId of remote) batch.zcount(this.key(userId), now, "+inf");
    const answers = (await batch.exec()) ?? [];
    remote.forEach((userId, i) => {
      const [err, count] = answers[i] ?? [null, 0];
      if (!err && Number(count) > 0) result.add(userId);
    });
    return result;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    const users = this.registry.onlineUserIds();
    const batch = this.redis.pipeline();
    for (const userId of users) batch.zrem(this.key(userId), this.instance);
    await batch.exec().catch(logError);
    await this.redis.quit().catch(logError);
  }
}

function logError(err: unknown): null {
  log().error({ err }, "presence update failed");
  return null;
}
