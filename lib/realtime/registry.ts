// The connection registry of this process: who has which streams open, the limits on them, one
// shared timer for heartbeats and maximum lifetimes (no per-connection timers), and one shared
// flush that writes each stream's waiting frames as a single chunk.
//
// The flush runs in rounds. A round takes the streams that have frames waiting and writes them in
// slices of a few milliseconds, letting the event loop turn between slices: the sockets get the
// bytes written so far, the writes' promise chains settle (their garbage dies young instead of
// piling up for 10,000 streams), and requests keep being served. A frame that arrives during a
// round joins it for the streams the round has not reached yet; the others get it in the next
// round, which starts as soon as this one ends. So when fan-out saturates the process, each
// stream's chunk carries every frame that arrived meanwhile (each chunk through Next's stream
// pipeline costs far more than its bytes), and throughput keeps up instead of a backlog growing
// without bound. Idle or lightly loaded, a frame goes out on the next turn.
//
// What it counts (streams opened, closed by reason, refused, frames written, replayed) are plain
// integers read at scrape time: nothing here calls into the metrics library per stream or frame.
import { HeraldError } from "@/lib/errors";
import { closeReasons, type CloseReason, type Connection, type ConnectionOwner, type Frame } from "./connection";
import { HEARTBEAT } from "./sse";

export type RegistryLimits = {
  perUser: number;
  total: number;
  heartbeatMs: number;
  /** How long a user whose last stream closed still counts as present (0: not at all). */
  lingerMs?: number;
};

export type RegistryStats = { streams: number; users: number };

/** Running totals since the process started (monotonic; the metrics endpoint exposes them). */
export type StreamCounters = {
  opened: number;
  closed: Record<CloseReason, number>;
  refused: { user_cap: number; process_cap: number };
  /** Live frames written to streams (a broadcast to N streams counts N). */
  framesDelivered: number;
  /** Missed events sent on reconnect, and reconnects told to resync instead. */
  replayed: number;
  resyncs: number;
};

/** How long one slice of a flush round writes before the loop turns. */
const SLICE_MS = 8;

export class Registry implements ConnectionOwner {
  private readonly users = new Map<string, Set<Connection>>();
  /**
   * Users whose last stream here closed moments ago, until when they still count as present. A tab
   * handing the user's stream to another, or a page reload, closes one stream before the next
   * opens: presence (online routing, the admin's list, Redis) must not see them leave and return.
   */
  private readonly lingering = new Map<string, number>();
  private size = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  /** Streams with coalesced frames waiting for the next flush round. */
  private dirty: Connection[] = [];
  /** The round being written, slice by slice, and how far it got (null: no round running). */
  private round: Connection[] | null = null;
  private roundAt = 0;
  /** The last coalesced chunk: streams given the same frames (a broadcast) share one buffer. */
  private joinedParts: readonly Uint8Array[] | null = null;
  private joined: Uint8Array | null = null;
  /** Publish times of the frames waiting for the next round, and of those the running round writes. */
  private stamps: number[] = [];
  private roundStamps: number[] = [];

  readonly counters: StreamCounters = {
    opened: 0,
    closed: Object.fromEntries(closeReasons.map((r) => [r, 0])) as Record<CloseReason, number>,
    refused: { user_cap: 0, process_cap: 0 },
    framesDelivered: 0,
    replayed: 0,
    resyncs: 0,
  };

  private readonly startRound = () => {
    this.round = this.dirty;
    this.dirty = [];
    this.roundAt = 0;
    this.roundStamps = this.stamps;
    this.stamps = [];
    this.flushSlice();
  };

  private readonly flushSlice = () => {
    const round = this.round ?? [];
    const deadline = performance.now() + this.sliceMs;
    let i = this.roundAt;
    let written = 0;
    while (i < round.length) {
      written += round[i++]!.flush();
      if (performance.now() >= deadline) break;
    }
    this.counters.framesDelivered += written;
    this.roundAt = i;
    if (i < round.length) {
      setImmediate(this.flushSlice);
      return;
    }
    this.round = null;
    this.joinedParts = this.joined = null;
    // Every stream the round's frames were meant for has them now: one observation per frame.
    if (this.roundStamps.length > 0) {
      this.onWritten?.(this.roundStamps, Date.now());
      this.roundStamps = [];
    }
    if (this.dirty.length > 0) setImmediate(this.startRound);
  };

  /** Called for every admitted connection (the hub marks streams opened during a bus gap). */
  onAdd: ((conn: Connection) => void) | null = null;
  /** Called when a stream leaves the registry (its closeReason set). */
  onClosed: ((conn: Connection) => void) | null = null;
  /** Called after each flush round with the publish times of the frames it wrote (fan-out latency). */
  onWritten: ((publishedAt: readonly number[], now: number) => void) | null = null;

  /** Called when a user opens their first stream here (presence), unless they were still lingering. */
  onUserActive: ((userId: string) => void) | null = null;
  /** Called when a user's last stream here closed and they did not come back within the linger (presence: they may be going offline). */
  onUserIdle: ((userId: string) => void) | null = null;

  constructor(
    private readonly limits: RegistryLimits,
    private readonly sliceMs = SLICE_MS,
  ) {}

  /** Admits a connection or refuses it: 429 past the per-user cap, 503 past the process cap. */
  add(conn: Connection): void {
    if (this.size >= this.limits.total) {
      this.counters.refused.process_cap++;
      throw new HeraldError("unavailable", "This server has reached its stream limit; retry shortly", {
        headers: { "Retry-After": "10" },
      });
    }
    const mine = this.users.get(conn.userId);
    if (mine && mine.size >= this.limits.perUser) {
      this.counters.refused.user_cap++;
      throw new HeraldError(
        "rate_limited",
        `Too many open streams for this user (limit ${this.limits.perUser}); close a tab and retry`,
        { headers: { "Retry-After": "5" } },
      );
    }
    this.size++;
    this.counters.opened++;
    if (mine) mine.add(conn);
    else {
      this.users.set(conn.userId, new Set([conn]));
      if (!this.lingering.delete(conn.userId)) this.onUserActive?.(conn.userId);
    }
    this.onAdd?.(conn);
  }

  /** Idempotent: only the first call for a connection changes anything. */
  remove(conn: Connection, now = Date.now()): void {
    const mine = this.users.get(conn.userId);
    if (!mine?.delete(conn)) return;
    this.size--;
    this.counters.closed[conn.closeReason ?? "cancelled"]++;
    this.onClosed?.(conn);
    if (mine.size > 0) return;
    this.users.delete(conn.userId);
    // A stream ended with its session (signed out, ended from settings, a password reset) is no tab
    // handing over to another: nobody of that session comes back, so the user leaves at once.
    const linger = conn.closeReason === "session_ended" ? 0 : (this.limits.lingerMs ?? 0);
    if (linger > 0) this.lingering.set(conn.userId, now + linger);
    else this.onUserIdle?.(conn.userId);
  }

  /** A stream has frames to write: a flush round (one immediate for all streams) is scheduled, unless one is running. */
  schedule(conn: Connection): void {
    if (this.dirty.push(conn) === 1 && this.round === null) setImmediate(this.startRound);
  }

  /** One buffer of several frames; the same frames in a row (as a broadcast gives) are joined once. */
  join(parts: readonly Uint8Array[]): Uint8Array {
    const last = this.joinedParts;
    if (this.joined && last?.length === parts.length) {
      let same = true;
      for (let i = 0; same && i < parts.length; i++) same = last[i] === parts[i];
      if (same) return this.joined;
    }
    this.joinedParts = parts;
    return (this.joined = Buffer.concat(parts));
  }

  count(userId: string): number {
    return this.users.get(userId)?.size ?? 0;
  }

  /** Present here: a stream open, or the last one closed less than the linger ago. */
  present(userId: string): boolean {
    return this.users.has(userId) || this.lingering.has(userId);
  }

  /** Users present here (with a stream, or lingering). */
  onlineUserIds(): string[] {
    return [...this.users.keys(), ...this.lingering.keys()];
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
    if (sent > 0) this.stamp(frame);
    return sent;
  }

  sendToAll(frame: Frame): number {
    for (const mine of this.users.values()) for (const conn of mine) conn.send(frame);
    if (this.size > 0) this.stamp(frame);
    return this.size;
  }

  /**
   * Times a frame by the round that writes it last: the next one if any stream waits for it, else
   * the running one. (A frame whose streams are all holding it during a replay is not timed.)
   */
  private stamp(frame: Frame): void {
    if (frame.at === undefined) return;
    if (this.dirty.length > 0) this.stamps.push(frame.at);
    else if (this.round !== null) this.roundStamps.push(frame.at);
  }

  closeSession(userId: string, sid: string): number {
    const mine = this.users.get(userId);
    if (!mine) return 0;
    const ending = [...mine].filter((c) => c.sid === sid);
    for (const conn of ending) conn.close("session_ended");
    return ending.length;
  }

  forEach(visit: (conn: Connection) => void): void {
    for (const mine of this.users.values()) for (const conn of mine) visit(conn);
  }

  /** Ends every stream (shutdown), each after a last frame if `last` gives one (a `retry:` hint). */
  closeAll(last?: () => Uint8Array): void {
    for (const mine of [...this.users.values()]) {
      for (const conn of [...mine]) {
        if (last) conn.write(last());
        conn.close("shutdown");
      }
    }
  }

  /** Heartbeats for streams idle past the interval (any write resets it); ends expired streams and lingers. */
  tick(now = Date.now()): void {
    for (const [userId, until] of this.lingering) {
      if (until > now) continue;
      this.lingering.delete(userId);
      this.onUserIdle?.(userId);
    }
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
