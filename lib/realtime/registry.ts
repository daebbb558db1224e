// The stream registry of this process: who has which streams open, the limits on them, and one
// shared timer for heartbeats and maximum lifetimes (no per-stream timers). Writing is the
// flush queue's (lib/realtime/flush-queue.ts); who else wants to know when a user comes or goes
// (presence) says so through the listeners it is made with.
//
// What it counts (streams opened, closed by reason, refused, frames written, replayed) are plain
// integers read at scrape time: nothing here calls into the metrics library per stream or frame.
import { HeraldError } from "@/lib/errors";
import { closeReasons, type CloseReason, type Frame, type Stream } from "./stream";
import { FlushQueue, SLICE_MS } from "./flush-queue";
import { HEARTBEAT } from "./sse";

export type RegistryLimits = {
  perUser: number;
  total: number;
  heartbeatMs: number;
  /** How long a user whose last stream closed still counts as present (0: not at all). */
  lingerMs?: number;
};

export type RegistryStats = { streams: number; users: number };

/** Who the registry tells what happens to its streams and users. */
export type RegistryListeners = {
  /** A user opened their first stream here (unless they were still lingering): presence marks them online. */
  onUserOnline?: (userId: string) => void;
  /** A user's last stream here closed and they did not come back within the linger: presence lets them go. */
  onUserIdle?: (userId: string) => void;
  /** Every admitted stream (the hub marks streams opened during a bus gap). */
  onAdd?: (stream: Stream) => void;
  /** A stream left the registry (its closeReason set). */
  onClosed?: (stream: Stream) => void;
  /** After each flush round, the publish times of the frames it wrote (fan-out latency). */
  onWritten?: (publishedAt: readonly number[], now: number) => void;
};

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

export class Registry {
  private readonly users = new Map<string, Set<Stream>>();
  /**
   * Users whose last stream here closed moments ago, until when they still count as present. A tab
   * handing the user's stream to another, or a page reload, closes one stream before the next
   * opens: presence (online routing, the admin's list, Redis) must not see them leave and return.
   */
  private readonly lingering = new Map<string, number>();
  private size = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  /** Cleared when the process stops (SIGTERM): no new stream may hold the shutdown open. */
  private admitting = true;
  /** Writes every stream's coalesced frames; each stream schedules itself on it. */
  readonly queue: FlushQueue<Stream>;

  readonly counters: StreamCounters = {
    opened: 0,
    closed: Object.fromEntries(closeReasons.map((r) => [r, 0])) as Record<CloseReason, number>,
    refused: { user_cap: 0, process_cap: 0 },
    framesDelivered: 0,
    replayed: 0,
    resyncs: 0,
  };

  constructor(
    private readonly limits: RegistryLimits,
    private readonly listeners: RegistryListeners = {},
    sliceMs = SLICE_MS,
  ) {
    this.queue = new FlushQueue<Stream>((frames) => (this.counters.framesDelivered += frames), listeners.onWritten, sliceMs);
  }

  /** The process is stopping: streams from now on are refused (the open ones end with closeAll). */
  stopAdmitting(): void {
    this.admitting = false;
  }

  /** The one refusal of a stopping process: 503, come back (to another instance) in a moment. */
  refuseIfStopping(): void {
    if (!this.admitting) {
      throw new HeraldError("unavailable", "This server is stopping; reconnect in a moment", { headers: { "Retry-After": "1" } });
    }
  }

  /** Admits a stream or refuses it: 503 once stopping, 429 past the per-user cap, 503 past the process cap. */
  add(stream: Stream): void {
    // Also here, not only before the session check: a stream still opening when the others were
    // closed would hold the shutdown open until SIGKILL.
    this.refuseIfStopping();
    if (this.size >= this.limits.total) {
      this.counters.refused.process_cap++;
      throw new HeraldError("unavailable", "This server has reached its stream limit; retry shortly", {
        headers: { "Retry-After": "10" },
      });
    }
    const mine = this.users.get(stream.userId);
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
    if (mine) mine.add(stream);
    else {
      this.users.set(stream.userId, new Set([stream]));
      if (!this.lingering.delete(stream.userId)) this.listeners.onUserOnline?.(stream.userId);
    }
    this.listeners.onAdd?.(stream);
  }

  /** Idempotent: only the first call for a stream changes anything. */
  remove(stream: Stream, now = Date.now()): void {
    const mine = this.users.get(stream.userId);
    if (!mine?.delete(stream)) return;
    this.size--;
    this.counters.closed[stream.closeReason ?? "cancelled"]++;
    this.listeners.onClosed?.(stream);
    if (mine.size > 0) return;
    this.users.delete(stream.userId);
    // A stream ended with its session (signed out, ended from settings, a password reset) is no tab
    // handing over to another: nobody of that session comes back, so the user leaves at once.
    const linger = stream.closeReason === "session_ended" ? 0 : (this.limits.lingerMs ?? 0);
    if (linger > 0) this.lingering.set(stream.userId, now + linger);
    else this.listeners.onUserIdle?.(stream.userId);
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
      for (const stream of mine) {
        stream.send(frame);
        sent++;
      }
    }
    if (sent > 0) this.stamp(frame);
    return sent;
  }

  sendToAll(frame: Frame): number {
    for (const mine of this.users.values()) for (const stream of mine) stream.send(frame);
    if (this.size > 0) this.stamp(frame);
    return this.size;
  }

  private stamp(frame: Frame): void {
    if (frame.at !== undefined) this.queue.stamp(frame.at);
  }

  closeSession(userId: string, sid: string): number {
    const mine = this.users.get(userId);
    if (!mine) return 0;
    const ending = [...mine].filter((c) => c.sid === sid);
    for (const stream of ending) stream.close("session_ended");
    return ending.length;
  }

  forEach(visit: (stream: Stream) => void): void {
    for (const mine of this.users.values()) for (const stream of mine) visit(stream);
  }

  /** Ends every stream (shutdown), each after a last frame if `last` gives one (a `retry:` hint), and admits no more. */
  closeAll(last?: () => Uint8Array): void {
    this.stopAdmitting();
    for (const mine of [...this.users.values()]) {
      for (const stream of [...mine]) {
        if (last) stream.write(last());
        stream.close("shutdown");
      }
    }
  }

  /** Heartbeats for streams idle past the interval (any write resets it); ends expired streams and lingers. */
  tick(now = Date.now()): void {
    for (const [userId, until] of this.lingering) {
      if (until > now) continue;
      this.lingering.delete(userId);
      this.listeners.onUserIdle?.(userId);
    }
    const idleSince = now - this.limits.heartbeatMs;
    // Deleting the entry being visited is safe while iterating a Map or Set: no copies per tick.
    for (const mine of this.users.values()) {
      for (const stream of mine) {
        if (now >= stream.expiresAt) stream.close("lifetime");
        else if (stream.lastWriteAt <= idleSince && !stream.hasPending) stream.write(HEARTBEAT);
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
