// The connection registry of this process: who has which streams open, the limits on them, one
// shared timer for heartbeats and maximum lifetimes (no per-connection timers), and one shared
// flush that writes each stream's waiting frames as a single chunk.
//
// The flush is self-clocking: it runs on the next turn, unless the previous flush kept the event
// loop busy for C ms, in which case it waits until C ms after that one ended. Idle or lightly
// loaded, that is "at once"; when fan-out saturates the process, the frames that arrive meanwhile
// share one chunk per stream, and each chunk through Next's stream pipeline costs far more than
// its bytes, so throughput keeps up instead of a backlog growing without bound.
import { HeraldError } from "@/lib/errors";
import type { Connection, ConnectionOwner, Frame } from "./connection";
import { HEARTBEAT } from "./sse";

export type RegistryLimits = {
  perUser: number;
  total: number;
  heartbeatMs: number;
};

export type RegistryStats = { streams: number; users: number };

/** The longest a frame waits for a busy process's next flush. */
const MAX_COALESCE_MS = 1_000;

export class Registry implements ConnectionOwner {
  private readonly users = new Map<string, Set<Connection>>();
  private size = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  /** Streams with coalesced frames waiting for the next flush. */
  private dirty: Connection[] = [];
  /** No flush before this time (ms): see the note at the top. */
  private nextFlushAt = 0;
  private readonly flushAll = () => {
    const started = performance.now();
    const dirty = this.dirty;
    this.dirty = [];
    for (const conn of dirty) conn.flush();
    // The writes' promise chains run after this returns; the next turn begins once they are done.
    setImmediate(() => {
      const cost = performance.now() - started;
      this.nextFlushAt = Date.now() + Math.min(cost, MAX_COALESCE_MS);
    });
  };
  /** Called when a user's last stream closes (presence: they may be going offline). */
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

  /** A stream has frames to write: one flush (one timer or immediate, for all streams) is scheduled. */
  schedule(conn: Connection): void {
    if (this.dirty.push(conn) !== 1) return;
    const wait = this.nextFlushAt - Date.now();
    if (wait > 0) setTimeout(this.flushAll, wait);
    else setImmediate(this.flushAll);
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
