// The connection registry of this process: who has which streams open, the limits on them, and
// one shared timer for heartbeats and maximum lifetimes (no per-connection timers).
import { HeraldError } from "@/lib/errors";
import type { Connection, Frame } from "./connection";
import { HEARTBEAT } from "./sse";

export type RegistryLimits = {
  perUser: number;
  total: number;
  heartbeatMs: number;
};

export type RegistryStats = { streams: number; users: number };

export class Registry {
  private readonly users = new Map<string, Set<Connection>>();
  private size = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  /** Called when a user opens their first stream here (presence). */
  onUserActive: ((userId: string) => void) | null = null;
  /** Called when a user's last stream here closes (presence: they may be going offline). */
  onUserIdle: ((userId: string) => void) | null = null;

  constructor(private readonly limits: RegistryLimits) {}

  /** Admits a connection or refuses it: 429 past the per-user cap, 503 past the process cap. */
  add(conn: Connection): void {
    if (this.size >= this.limits.total) {
      throw new HeraldError("unavailable", "This server has reached its stream limit; retry shortly", {
        headers: { "Retry-After": "10" },
      });
    }
    const mine = this.users.get(conn.userId);
    if (mine && mine.size >= this.limits.perUser) {
      throw new HeraldError(
        "rate_limited",
        `Too many open streams for this user (limit ${this.limits.perUser}); close a tab and retry`,
        { headers: { "Retry-After": "5" } },
      );
    }
    this.size++;
    if (mine) mine.add(conn);
    else {
      this.users.set(conn.userId, new Set([conn]));
      this.onUserActive?.(conn.userId);
    }
  }

  /** Idempotent: only the first call for a connection changes anything. */
  remove(conn: Connection): void {
    const mine = this.users.get(conn.userId);
    if (!mine?.delete(conn)) return;
    this.size--;
    if (mine.size === 0) {
      this.users.delete(conn.userId);
      this.onUserIdle?.(conn.userId);
    }
  }

  count(userId: string): number {
    return this.users.get(userId)?.size ?? 0;
  }

  onlineUserIds(): string[] {
    return [...this.users.keys()];
  }

  stats(): RegistryStats {
    return { streams: this.size, users: this.users.size };
  }

  sendToUsers(userIds: Iterable<string>, frame: Frame): number {
    let sent = 0;
    for (const userId of userIds) {
      const mine = this.users.get(userId);
      if (!mine) continue;
      for (const conn of mine) {
        conn.send(frame);
        sent++;
      }
    }
    return sent;
  }

  sendToAll(frame: Frame): number {
    for (const mine of this.users.values()) for (const conn of mine) conn.send(frame);
    return this.size;
  }

  closeSession(userId: string, sid: string): number {
    const mine = this.users.get(userId);
    if (!mine) return 0;
    const ending = [...mine].filter((c) => c.sid === sid);
    for (const conn of ending) conn.close("session_ended");
    return ending.length;
  }

  closeAll(): void {
    for (const mine of [...this.users.values()]) for (const conn of [...mine]) conn.close("shutdown");
  }

  /** Heartbeats for streams idle past the interval (any write resets it); ends expired streams. */
  tick(now = Date.now()): void {
    const idleSince = now - this.limits.heartbeatMs;
    for (const mine of [...this.users.values()]) {
      for (const conn of [...mine]) {
        if (now >= conn.expiresAt) conn.close("lifetime");
        else if (conn.lastWriteAt <= idleSince) conn.write(HEARTBEAT);
      }
    }
  }

  start(): void {
    if (this.timer) return;
    const every = Math.max(50, Math.min(1000, Math.floor(this.limits.heartbeatMs / 2)));
    this.timer = setInterval(() => this.tick(), every);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
