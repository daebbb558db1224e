import "server-only";
// Who is online: a stream open on any instance, or one closed moments ago (the registry's linger).
// The registry tells presence (its onUserOnline/onUserIdle listeners, lib/realtime/hub.ts), so
// notify() and the outbox ask it without opening any stream machinery. Across instances, per-user
// Redis sorted sets that expire (docs/reliability.md, "Presence across instances").
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { service } from "@/lib/service";
import type { RegistryListeners } from "./registry";
import { connectRedis } from "@/lib/redis";

export type PresenceState = "online" | "offline" | "unknown";

export type PresenceAnswer = {
  online: Set<string>;
  /** Users with no stream on this instance whose state elsewhere cannot be told now. */
  unknown: Set<string>;
};

/** What the registry tells presence: a user became present on this instance, or stopped being. */
export type PresenceListener = Required<Pick<RegistryListeners, "onUserOnline" | "onUserIdle">>;

export interface Presence extends PresenceListener {
  /** Which of `userIds` are online anywhere (and which cannot be told now). */
  lookup(userIds: string[]): Promise<PresenceAnswer>;
  close(): Promise<void>;
}

export function stateOf(answer: PresenceAnswer, userId: string): PresenceState {
  return answer.online.has(userId) ? "online" : answer.unknown.has(userId) ? "unknown" : "offline";
}

export class LocalPresence implements Presence {
  /** Users present on this instance, as the registry reported them. */
  protected readonly here = new Set<string>();

  readonly onUserOnline = (userId: string): void => void this.here.add(userId);
  readonly onUserIdle = (userId: string): void => void this.here.delete(userId);

  async lookup(userIds: string[]): Promise<PresenceAnswer> {
    return { online: new Set(userIds.filter((id) => this.here.has(id))), unknown: new Set() };
  }

  async close(): Promise<void> {}
}

export class RedisPresence extends LocalPresence {
  private readonly instance = randomUUID();
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly refreshMs: number;
  /** Answers from Redis are trusted from this time on (Infinity while disconnected). */
  private trustedFrom = 0;

  static async connect(url: string, prefix: string, ttlMs: number): Promise<RedisPresence> {
    return new RedisPresence(await connectRedis("presence", { url }), prefix, ttlMs);
  }

  private constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlMs: number,
  ) {
    super();
    this.refreshMs = Math.max(100, Math.floor(ttlMs / 3));
    this.timer = setInterval(() => void this.mark([...this.here]), this.refreshMs);
    this.timer.unref();
    redis.on("close", () => (this.trustedFrom = Infinity));
    redis.on("ready", () => {
      // Every instance writes its users again at once on reconnecting, and within a refresh
      // interval at the latest: until then an absent user may just not be written yet.
      this.trustedFrom = Date.now() + this.refreshMs;
      void this.mark([...this.here]);
    });
  }

  override readonly onUserOnline = (userId: string): void => {
    this.here.add(userId);
    void this.mark([userId]);
  };

  override readonly onUserIdle = (userId: string): void => {
    this.here.delete(userId);
    void this.redis.zrem(this.key(userId), this.instance).catch(logError);
  };

  private key(userId: string): string {
    return `${this.prefix}presence:${userId}`;
  }

  private async mark(userIds: string[]): Promise<void> {
    if (userIds.length === 0 || this.redis.status !== "ready") return;
    const expires = Date.now() + this.ttlMs;
    const batch = this.redis.pipeline();
    for (const userId of userIds) {
      batch.zadd(this.key(userId), expires, this.instance);
      batch.pexpire(this.key(userId), this.ttlMs);
    }
    await batch.exec().catch(logError);
  }

  override async lookup(userIds: string[]): Promise<PresenceAnswer> {
    const online = new Set(userIds.filter((id) => this.here.has(id)));
    const remote = userIds.filter((id) => !online.has(id));
    if (remote.length === 0) return { online, unknown: new Set() };
    const now = Date.now();
    if (now < this.trustedFrom) return { online, unknown: new Set(remote) };
    const batch = this.redis.pipeline();
    for (const userId of remote) batch.zcount(this.key(userId), now, "+inf");
    const answers = await batch.exec().catch(() => null);
    const unknown = new Set<string>();
    remote.forEach((userId, i) => {
      const [err, count] = answers?.[i] ?? [new Error("no answer"), 0];
      if (err) unknown.add(userId);
      else if (Number(count) > 0) online.add(userId);
    });
    return { online, unknown };
  }

  override async close(): Promise<void> {
    clearInterval(this.timer);
    const users = [...this.here];
    if (users.length > 0 && this.redis.status === "ready") {
      const batch = this.redis.pipeline();
      for (const userId of users) batch.zrem(this.key(userId), this.instance);
      await batch.exec().catch(logError);
    }
    await this.redis.quit().catch(logError);
  }
}

/** This process's presence: Redis when REDIS_URL is set (see above), else what this instance's registry reports. */
export function presence(): Promise<Presence> {
  return service("presence", async () => {
    const e = env();
    if (!e.REDIS_URL) return new LocalPresence();
    return RedisPresence.connect(e.REDIS_URL, e.HERALD_REDIS_PREFIX, e.HERALD_PRESENCE_TTL_MS);
  });
}

/** Online = at least one open stream, on any instance; `unknown` while presence cannot tell. */
export async function presenceOf(userId: string): Promise<PresenceState> {
  return stateOf(await (await presence()).lookup([userId]), userId);
}

function logError(err: unknown): null {
  log().error({ err }, "presence update failed");
  return null;
}
