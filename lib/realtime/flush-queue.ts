// The one flush of this process's streams: each stream's waiting frames go out as one chunk, in
// rounds written in slices of a few milliseconds so the event loop turns between them. Under load
// a stream's chunk carries every frame that arrived meanwhile (a chunk through Next's pipe costs far
// more than its bytes), so throughput keeps up instead of a backlog growing.

/** What the queue flushes: a stream that writes its waiting frames and says how many. */
export interface Flushable {
  flush(): number;
}

/** How long one slice of a flush round writes before the loop turns. */
export const SLICE_MS = 8;

export class FlushQueue<T extends Flushable> {
  /** Streams with coalesced frames waiting for the next flush round. */
  private dirty: T[] = [];
  /** The round being written, slice by slice, and how far it got (null: no round running). */
  private round: T[] | null = null;
  private roundAt = 0;
  /** The last coalesced chunk: streams given the same frames (a broadcast) share one buffer. */
  private joinedParts: readonly Uint8Array[] | null = null;
  private joined: Uint8Array | null = null;
  /** Publish times of the frames waiting for the next round, and of those the running round writes. */
  private stamps: number[] = [];
  private roundStamps: number[] = [];

  /**
   * `written`: called after each slice with the frames it wrote (a counter);
   * `onWritten`: after each round, with the publish times of the frames it wrote (fan-out latency).
   */
  constructor(
    private readonly written: (frames: number) => void,
    private readonly onWritten?: (publishedAt: readonly number[], now: number) => void,
    private readonly sliceMs = SLICE_MS,
  ) {}

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
    this.written(written);
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

  /** A stream has frames to write: a flush round (one immediate for all streams) is scheduled, unless one is running. */
  schedule(stream: T): void {
    if (this.dirty.push(stream) === 1 && this.round === null) setImmediate(this.startRound);
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

  /**
   * Times a frame sent just now by the round that writes it last: the next one if any stream waits
   * for it, else the running one. (A frame whose streams are all holding it during a replay is not timed.)
   */
  stamp(at: number): void {
    if (this.dirty.length > 0) this.stamps.push(at);
    else if (this.round !== null) this.roundStamps.push(at);
  }
}
