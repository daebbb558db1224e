// The horizon: the xmin a live frame's cursor carries, below which every event has reached this
// instance, and the order in which the last events arrived. Why and how: docs/reliability.md,
// "The horizon" and "Arrival order".

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
