// The xmin a live frame's cursor carries (lib/events/cursor.ts). A stream that resumes from a frame
// is sent the events with a smaller id whose transaction id is at or above it; so it must be below
// the transaction id of every event the stream has not written yet. Two kinds of event may still
// come after a frame although their ids are smaller:
//   - one whose transaction was still open when the frame's event was inserted: its transaction id
//     is at or above that insert's snapshot xmin;
//   - one committed earlier whose publish is slower (another instance, a busy event loop): it is
//     on the bus after the frame's event although committed before.
// The second kind is why the insert's own xmin is not enough. This keeps the insert xmins of the
// events received (with the time each was published) and answers, for a frame published at `at`,
// the largest xmin of an event published at least `lagMs` before: an event committed before that
// insert and still not on the bus `lagMs` later is the only kind missed (notify() logs it).
// Publish times come from the publishers' clocks, not this one's, so a pause here (GC, a busy
// loop) that bunches events up cannot make the lag look longer than it was.
//
// Until an event published `lagMs` ago is known, the horizon is the xmin read when this instance
// started: every stream here replayed from its own cursor after that, so any event it has not
// written committed later (or its replay would have had it).
//
// Below the horizon every event has reached this instance; above it, the events received are
// remembered (a few seconds' worth) so that a catch-up after a bus gap can tell exactly which of
// the events it reads every stream here already has. The log also keeps the order of arrival of
// the last RECENT_EVENTS events: every instance gets the bus's messages in the same order, so
// an event that reached this instance before a live frame's event was on the stream that wrote
// that frame before it, and a resume from that frame need not send it again.

/** Events published within this many ms of each other share one sample (bounded memory). */
const BUCKET_MS = 100;
/** The arrival order is kept for at least this many events (and for all above the horizon). */
const RECENT_EVENTS = 20_000;

type Sample = { from: number; at: number; xmin: bigint };

/** What had reached this instance at some moment: every event below `below`, and `ids` at or above it. */
export type Arrived = { below: bigint; ids: ReadonlySet<string> };

/** A queue read from the front, compacted now and then (no per-item shifting). */
class Fifo<T> {
  private items: T[] = [];
  private head = 0;
  get first(): T | undefined {
    return this.items[this.head];
  }
  get last(): T | undefined {
    return this.head < this.items.length ? this.items[this.items.length - 1] : undefined;
  }
  push(item: T): void {
    this.items.push(item);
  }
  shift(): T | undefined {
    const item = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
  *[Symbol.iterator](): Iterator<T> {
    for (let i = this.head; i < this.items.length; i++) yield this.items[i]!;
  }
}

export class Horizon {
  /** Samples not yet `lagMs` old, oldest first; `at` is the latest publish time in one. */
  private readonly samples = new Fifo<Sample>();
  /** Events received, in arrival order: all above the horizon, and at least the last RECENT_EVENTS. */
  private readonly recent = new Fifo<{ id: string; txid: bigint }>();
  /** Their arrival numbers. */
  private readonly order = new Map<string, number>();
  private arrivals = 0;
  private latestAt = 0;

  constructor(
    private value: bigint,
    private readonly lagMs: number,
  ) {}

  /** The horizon as of now: below it, every event has reached this instance (or failed to publish). */
  get current(): bigint {
    return this.value;
  }

  /**
   * The horizon for an event published at `at` (its id, its transaction id, its insert's xmin),
   * then that event's own sample. Call once per durable event, in the order the bus delivers them.
   */
  next(at: number, xmin: bigint, id: string, txid: bigint): bigint {
    if (at > this.latestAt) this.latestAt = at;
    // Any event delivered so far was published by latestAt: what was published lagMs before that is settled.
    const settled = this.latestAt - this.lagMs;
    for (let s = this.samples.first; s && s.at <= settled; s = this.samples.first) {
      this.samples.shift();
      if (s.xmin > this.value) this.value = s.xmin;
    }
    for (let r = this.recent.first; r && r.txid < this.value && this.order.size >= RECENT_EVENTS; r = this.recent.first) {
      this.recent.shift();
      this.order.delete(r.id);
    }
    const horizon = this.value;
    const tail = this.samples.last;
    // A joined sample takes the later time and the larger xmin: each alone would have been settled by then.
    if (tail && Math.abs(at - tail.from) <= BUCKET_MS) {
      if (at > tail.at) tail.at = at;
      if (xmin > tail.xmin) tail.xmin = xmin;
    } else this.samples.push({ from: at, at, xmin });
    this.recent.push({ id, txid });
    this.order.set(id, ++this.arrivals);
    return horizon;
  }

  /** Whether both events are in the log and `id` reached this instance before `than`. */
  before(id: string, than: string): boolean {
    const a = this.order.get(id);
    const b = this.order.get(than);
    return a !== undefined && b !== undefined && a < b;
  }

  /**
   * What has reached this instance by now (taken when the bus goes down: a stream's catch-up
   * skips it, since every stream here got it live then or had it already).
   */
  arrived(): Arrived {
    const ids = new Set<string>();
    for (const r of this.recent) if (r.txid >= this.value) ids.add(r.id);
    return { below: this.value, ids };
  }
}
