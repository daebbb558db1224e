// The connection registry of this process: who has which streams open, the limits on them, one
// shared timer for heartbeats and maximum lifetimes (no per-connection timers), and one shared
// flush per turn of the event loop that writes each stream's live frames as a single chunk.
import { HeraldError } from "@/lib/errors";
import type { Connection, ConnectionOwner, Frame } from "./connection";
import { HEARTBEAT } from "./sse";

export type RegistryLimits = {
  perUser: number;
  total: number;
  heartbeatMs: number;
};

export type RegistryStats = { streams: number; users: number };

export class Registry implements ConnectionOwner {
  private readonly users = new Map<string, Set<Connection>>();
  private size = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  /** Streams with coalesced frames waiting for this turn's flush. */
  private dirty: Connection[] = [];
  private readonly flushAll = () => {
    const dirty = this.dirty;
    this.dirty = [];
    for (const conn of dirty) conn.flush();
  };
  /** Called when a user's last stream closes (presence: they may be going offline). */
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
    if (mine) mine.add(conn);
    else this.users.set(conn.userId, new Set([conn]));
    this.size++;
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

  /** A stream has frames to write: flush them all after this turn (setImmediate: one for all streams). */
  schedule(conn: Connection): void {
    if (this.dirty.push(conn) === 1) setImmediate(this.flushAll);
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
    // Deleting the entry being visited is safe while iterating a Map or Set: no copies per tick.
    for (const mine of this.users.values()) {
      for (const conn of mine) {
        if (now >= conn.expiresAt) conn.close("lifetime");
        else if (conn.lastWriteAt <= idleSince && !conn.hasPending) conn.write(HEARTBEAT);
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
