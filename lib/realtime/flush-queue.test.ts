import { describe, expect, it } from "vitest";
import { FlushQueue, type Flushable } from "./flush-queue";

/** Lets the event loop turn `n` times (setImmediate callbacks run in order): no clock involved. */
async function turns(n = 5): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
}

class Writer implements Flushable {
  flushed = 0;
  constructor(
    readonly name: string,
    private readonly log: string[],
    private readonly frames = 1,
    private readonly during?: () => void,
  ) {}
  flush(): number {
    this.flushed++;
    this.log.push(this.name);
    this.during?.();
    return this.frames;
  }
}

describe("FlushQueue", () => {
  it("writes every stream scheduled in one turn in one round, and counts their frames", async () => {
    const log: string[] = [];
    const counted: number[] = [];
    const queue = new FlushQueue<Writer>((frames) => counted.push(frames), undefined, 1_000);
    const [a, b] = [new Writer("a", log, 2), new Writer("b", log, 3)];
    queue.schedule(a);
    queue.schedule(b);
    expect(log).toEqual([]); // nothing is written in the turn that scheduled it
    await turns();
    expect(log).toEqual(["a", "b"]);
    expect(counted).toEqual([5]);
  });

  it("lets the event loop turn between slices of a round", async () => {
    const log: string[] = [];
    // A zero-length slice writes one stream, then yields: what the first scheduled runs before the second.
    const queue = new FlushQueue<Writer>(() => {}, undefined, 0);
    queue.schedule(new Writer("a", log, 1, () => setImmediate(() => log.push("turn"))));
    queue.schedule(new Writer("b", log));
    await turns();
    expect(log).toEqual(["a", "turn", "b"]);
  });

  it("writes a stream scheduled during a round in the next one", async () => {
    const log: string[] = [];
    const queue = new FlushQueue<Writer>(() => {}, undefined, 1_000);
    const late = new Writer("late", log);
    queue.schedule(new Writer("a", log, 1, () => queue.schedule(late)));
    await turns();
    expect(log).toEqual(["a", "late"]);
    expect(late.flushed).toBe(1);
  });

  it("joins the same frames into one shared buffer until the round ends", async () => {
    const queue = new FlushQueue<Writer>(() => {}, undefined, 1_000);
    const parts = [new Uint8Array([1]), new Uint8Array([2, 3])];
    const first = queue.join(parts);
    expect([...first]).toEqual([1, 2, 3]);
    expect(queue.join([...parts])).toBe(first); // a broadcast: the next stream gets the same buffer
    const other = queue.join([parts[1]!, parts[0]!]);
    expect([...other]).toEqual([2, 3, 1]);
    queue.schedule(new Writer("a", []));
    await turns();
    expect(queue.join(parts)).not.toBe(first); // a new round joins anew
  });

  it("times each frame once, after the round that writes it", async () => {
    const rounds: number[][] = [];
    const queue = new FlushQueue<Writer>(() => {}, (publishedAt) => rounds.push([...publishedAt]), 1_000);
    queue.stamp(1); // nobody waits for it: not timed
    queue.schedule(new Writer("a", []));
    queue.stamp(10);
    queue.stamp(11);
    await turns();
    expect(rounds).toEqual([[10, 11]]);
  });
});
