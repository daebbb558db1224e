import { describe, expect, it, vi } from "vitest";
import { parseCursor, type Cursor } from "@/lib/events/cursor";
import type { Envelope } from "@/lib/events/envelope";
import { catchUpAfterGap, catchUpOnOpen, type CatchUpContext } from "./catch-up";
import { Registry } from "./registry";
import type { Replay } from "./replay";
import { encodeEnvelope } from "./sse";
import { Stream, type Frame } from "./stream";

const decoder = new TextDecoder();

const envelope = (id: string): Envelope => ({
  id,
  type: "price_alert",
  category: "trading",
  priority: "high",
  message: `alert ${id}`,
  data: { symbol: "SOL", price: 180 },
  timestamp: "2026-12-01T10:00:00.000Z",
});
/** A live frame as the hub makes it: the event's id, and a cursor of its own. */
const live = (id: string): Frame => ({ id, cursor: `${id}.1.1.1`, bytes: encodeEnvelope(envelope(id), `${id}.1.1.1`) });
const tick: Frame = { id: null, bytes: new TextEncoder().encode(": a tick\n\n") };

/** A stream on a real ReadableStream, its output read as it is written. */
function open() {
  const registry = new Registry({ perUser: 5, total: 10, heartbeatMs: 60_000 }, {}, 0);
  const stream = new Stream("bob", "s1", Date.now() + 60_000, 1 << 20, registry);
  registry.add(stream);
  const reader = new ReadableStream<Uint8Array>(stream, new ByteLengthQueuingStrategy({ highWaterMark: 1 << 20 })).getReader();
  let text = "";
  const pump = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      text += decoder.decode(value);
    }
  })().catch(() => undefined);
  const written = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    return text;
  };
  /** The `id:` lines written, and the comments (ticks), in order. */
  const lines = async () => (await written()).split("\n").filter((l) => l.startsWith("id: ") || l.startsWith(": "));
  return { registry, stream, lines, pump };
}

function context(replay: Partial<Replay> | Error, over: Partial<CatchUpContext> = {}) {
  const load = vi.fn(async (_user: string, _after: Cursor, _limit: number): Promise<Replay> => {
    if (replay instanceof Error) throw replay;
    return { events: [], truncated: false, xmin: "100", ...replay };
  });
  const replayed = vi.fn();
  const ctx: CatchUpContext = {
    counters: { replayed: 0, resyncs: 0, framesDelivered: 0 },
    limit: 500,
    horizon: { current: 0n, before: () => false },
    load,
    latest: async () => ({ id: "50", cursor: "50.200" }),
    onReplayed: replayed,
    ...over,
  };
  return { ctx, load, replayed };
}

const missed = (...rows: [string, bigint][]) => rows.map(([id, txid]) => ({ envelope: envelope(id), txid }));

describe("catch-up", () => {
  it("writes the replay, then the live frames held meanwhile that it did not cover, in that order", async () => {
    const { stream, lines } = open();
    const { ctx, replayed, load } = context({ events: missed(["11", 90n], ["12", 95n]) });
    stream.hold(); // as openEventStream does, from the moment the stream is admitted
    stream.send(live("12"));
    stream.send(tick);
    stream.send(live("13"));
    await catchUpOnOpen(ctx, stream, parseCursor("10.100")!);
    expect(load).toHaveBeenCalledWith("bob", parseCursor("10.100"), 500);
    expect(await lines()).toEqual(["id: 11.100.90", "id: 12.100.95", ": a tick", "id: 13.1.1.1"]);
    expect(ctx.counters).toMatchObject({ replayed: 2, framesDelivered: 2 });
    expect(replayed).toHaveBeenCalledWith("bob", ["11", "12"]);
    expect(stream.lastCursor).toBe("13.1.1.1");
  });

  it("drops the live copy of a replayed event that may still be on its way over the bus", async () => {
    const { stream, lines } = open();
    // Transaction 97 is at or above the horizon: its event may not have reached this instance yet.
    const { ctx } = context({ events: missed(["12", 97n]) }, { horizon: { current: 96n, before: () => false } });
    await catchUpOnOpen(ctx, stream, parseCursor("10.100")!);
    stream.send(live("12"));
    stream.send(live("14"));
    stream.flush();
    expect(await lines()).toEqual(["id: 12.100.97", "id: 14.1.1.1"]);
  });

  it("after a live frame's cursor, leaves out what reached the bus before that frame's event", async () => {
    const { stream, lines } = open();
    const before = (id: string, than: string) => id === "11" && than === "12";
    const { ctx } = context({ events: missed(["11", 90n], ["13", 99n]) }, { horizon: { current: 0n, before } });
    await catchUpOnOpen(ctx, stream, parseCursor("12.100.95.91")!);
    expect(await lines()).toEqual(["id: 13.100.99"]);
  });

  it("past the replay limit sends resync, and drops held frames the reloaded state has", async () => {
    const { stream, lines } = open();
    const { ctx } = context({ events: missed(["11", 90n]), truncated: true });
    stream.hold();
    stream.send(live("40"));
    stream.send(live("51"));
    await catchUpOnOpen(ctx, stream, parseCursor("10.100")!);
    const out = await lines();
    expect(out).toEqual(["id: 11.100.90", "id: 50.200", "id: 51.1.1.1"]);
    expect(ctx.counters.resyncs).toBe(1);
  });

  it("closes the stream when the database cannot be read: its client resumes from its cursor", async () => {
    const { stream, registry, lines } = open();
    const { ctx } = context(new Error("connection refused"));
    stream.hold();
    stream.send(live("12"));
    await catchUpOnOpen(ctx, stream, parseCursor("10.100")!);
    expect(stream.closeReason).toBe("catch_up_failed");
    expect(registry.stats().streams).toBe(0);
    expect(await lines()).toEqual([]);
  });

  it("after a bus gap, reads from where the stream stood, skips what it wrote meanwhile, and ends the gap", async () => {
    const { stream, lines } = open();
    stream.write(encodeEnvelope(envelope("10"), "10.100.80"), "10", "10.100.80");
    stream.beginGap("ignored: the stream has a place of its own");
    stream.write(encodeEnvelope(envelope("11"), "11.1.1.1"), "11", "11.1.1.1"); // arrived live during the gap
    // What had reached this instance when the bus went down: below 85, and event 9.
    const arrived = { below: 85n, ids: new Set(["9"]) };
    const { ctx, load } = context({ events: missed(["9", 86n], ["8", 84n], ["11", 92n], ["12", 95n]) });
    await catchUpAfterGap(ctx, stream, () => false, arrived);
    expect(load.mock.calls[0]![1]).toEqual(parseCursor("10.100.80"));
    expect(await lines()).toEqual(["id: 10.100.80", "id: 11.1.1.1", "id: 12.100.95"]);
    expect(stream.gap).toBeNull();
  });

  it("starts a new gap from where it got to when the bus went down again meanwhile", async () => {
    const { stream } = open();
    stream.beginGap("5.100");
    const { ctx } = context({ events: missed(["12", 95n]) });
    await catchUpAfterGap(ctx, stream, () => "20.300");
    expect(stream.gap?.from).toBe("12.100.95");
  });
});
