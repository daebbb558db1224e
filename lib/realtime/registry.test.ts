import { describe, expect, it, vi } from "vitest";
import { isHeraldError } from "@/lib/errors";
import { Stream } from "./stream";
import { Registry } from "./registry";
import { HEARTBEAT } from "./sse";

const decoder = new TextDecoder();

/** A stream wired to a real ReadableStream, as the route handler does. */
function open(registry: Registry, userId: string, opts: { sid?: string; expiresAt?: number; maxQueue?: number } = {}) {
  const maxQueue = opts.maxQueue ?? 1024 * 1024;
  const stream = new Stream(userId, opts.sid ?? "s1", opts.expiresAt ?? Date.now() + 60_000, maxQueue, registry);
  registry.add(stream);
  // The stream is its response body's underlying source, as in lib/realtime/open-stream.ts.
  const body = new ReadableStream<Uint8Array>(stream, new ByteLengthQueuingStrategy({ highWaterMark: maxQueue }));
  return { stream, reader: body.getReader() };
}

async function readText(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<string> {
  const { value } = await reader.read();
  return value ? decoder.decode(value) : "";
}

const frame = (id: string | null, text: string) => ({ id, bytes: new TextEncoder().encode(text) });
const limits = { perUser: 2, total: 3, heartbeatMs: 1000 };

describe("Registry", () => {
  it("refuses past the per-user cap with a 429 and past the process cap with a 503", () => {
    const registry = new Registry(limits);
    open(registry, "bob");
    open(registry, "bob");
    let err: unknown;
    try {
      open(registry, "bob");
    } catch (e) {
      err = e;
    }
    expect(isHeraldError(err) && err.status).toBe(429);
    expect(isHeraldError(err) && err.options.headers?.["Retry-After"]).toBeTruthy();
    open(registry, "carol");
    try {
      open(registry, "dave");
    } catch (e) {
      err = e;
    }
    expect(isHeraldError(err) && err.status).toBe(503);
    expect(registry.stats()).toEqual({ streams: 3, users: 2 });
  });

  it("after closeAll (shutdown) refuses a stream that was still opening, so it cannot hold the shutdown open", async () => {
    const registry = new Registry(limits);
    const a = open(registry, "bob");
    registry.closeAll(() => new TextEncoder().encode("retry: 1000\n\n"));
    expect(await readText(a.reader)).toBe("retry: 1000\n\n");
    expect((await a.reader.read()).done).toBe(true);
    let err: unknown;
    try {
      open(registry, "carol");
    } catch (e) {
      err = e;
    }
    expect(isHeraldError(err) && err.status).toBe(503);
    expect(isHeraldError(err) && err.options.headers?.["Retry-After"]).toBe("1");
    expect(registry.stats()).toEqual({ streams: 0, users: 0 });
  });

  it("cleans up exactly once whichever of abort, cancel and failed write comes first", async () => {
    const idle = vi.fn();
    const registry = new Registry(limits, { onUserIdle: idle });
    const a = open(registry, "bob");
    const b = open(registry, "bob");
    a.stream.close("client_closed");
    a.stream.close("cancelled");
    await a.reader.cancel();
    expect(registry.count("bob")).toBe(1);
    await b.reader.cancel(); // the body's cancel() closes the stream
    b.stream.close("client_closed");
    expect(b.stream.write(new Uint8Array([1]))).toBe(false);
    expect(registry.count("bob")).toBe(0);
    expect(registry.stats().streams).toBe(0);
    expect(idle).toHaveBeenCalledTimes(1);
    // Room again for new streams: no leaked slots.
    open(registry, "bob");
    open(registry, "bob");
    expect(registry.count("bob")).toBe(2);
  });

  it("sends a user's frames to each of their streams and to nobody else", async () => {
    const registry = new Registry(limits);
    const b1 = open(registry, "bob");
    const b2 = open(registry, "bob");
    const c = open(registry, "carol");
    expect(registry.sendToUsers(["bob"], frame("1", "data: x\n\n"))).toBe(2);
    expect(await readText(b1.reader)).toBe("data: x\n\n");
    expect(await readText(b2.reader)).toBe("data: x\n\n");
    registry.sendToAll(frame("2", "data: all\n\n"));
    expect(await readText(c.reader)).toBe("data: all\n\n");
  });

  it("drops a stream whose unread queue passes its byte bound", () => {
    const registry = new Registry(limits);
    const { stream } = open(registry, "bob", { maxQueue: 1024 });
    const chunk = new Uint8Array(400);
    expect(stream.write(chunk)).toBe(true);
    expect(stream.write(chunk)).toBe(true);
    expect(stream.write(chunk)).toBe(false); // 1200 bytes queued > 1024
    expect(stream.closeReason).toBe("slow_consumer");
    expect(registry.count("bob")).toBe(0);
  });

  it("sends heartbeats only to idle streams and ends streams at their lifetime", async () => {
    const registry = new Registry(limits);
    const now = Date.now();
    const busy = open(registry, "bob");
    const idle = open(registry, "carol");
    const expiring = open(registry, "dave", { expiresAt: now + 500 });
    idle.stream.lastWriteAt = now - 2000;
    busy.stream.lastWriteAt = now;
    expiring.stream.lastWriteAt = now;
    registry.tick(now);
    expect(await readText(idle.reader)).toBe(": heartbeat\n\n");
    expect(busy.stream.queuedBytes).toBe(0);
    registry.tick(now + 600);
    expect(expiring.stream.closeReason).toBe("lifetime");
    expect((await expiring.reader.read()).done).toBe(true);
    expect(registry.count("dave")).toBe(0);
  });

  it("closes only the streams of the session that ended", () => {
    const registry = new Registry({ ...limits, perUser: 5 });
    const phone = open(registry, "bob", { sid: "phone" });
    const laptop = open(registry, "bob", { sid: "laptop" });
    expect(registry.closeSession("bob", "phone")).toBe(1);
    expect(phone.stream.closeReason).toBe("session_ended");
    expect(laptop.stream.closed).toBe(false);
  });
});

describe("Stream replay hand-over", () => {
  it("holds live frames during replay and releases only those replay did not send, in order", async () => {
    const registry = new Registry(limits);
    const { stream, reader } = open(registry, "bob");
    stream.hold();
    stream.send(frame("5", "live5|"));
    stream.send(frame("6", "live6|"));
    stream.send(frame(null, "tick|"));
    stream.write(new TextEncoder().encode("replay4|replay5|"));
    stream.release((f) => f.id === "5");
    stream.send(frame("7", "live7|"));
    let text = "";
    while (!text.endsWith("live7|")) text += await readText(reader);
    expect(text).toBe("replay4|replay5|live6|tick|live7|");
  });
});

const text = (chunks: Uint8Array[]) => chunks.map((c) => new TextDecoder().decode(c));
const turn = () => new Promise((r) => setImmediate(r));
async function until(check: () => boolean, ms = 2_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
}

function openPumped(registry: Registry, userId = "u1", maxQueueBytes = 1 << 20) {
  const stream = new Stream(userId, "s1", Date.now() + 60_000, maxQueueBytes, registry);
  registry.add(stream);
  const chunks: Uint8Array[] = [];
  const body = new ReadableStream<Uint8Array>(stream, new ByteLengthQueuingStrategy({ highWaterMark: maxQueueBytes }));
  const reader = body.getReader();
  const pump = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      chunks.push(value);
    }
  })().catch(() => undefined);
  return { stream, chunks, reader, pump };
}

const live = (s: string) => ({ id: null, bytes: new TextEncoder().encode(s) });

describe("Registry fan-out (coalesced flush)", () => {
  it("writes the frames of one turn to each stream as one chunk, in order", async () => {
    const registry = new Registry({ perUser: 5, total: 10, heartbeatMs: 60_000 });
    const a = openPumped(registry, "u1");
    const b = openPumped(registry, "u2");
    registry.sendToAll(live("one\n\n"));
    registry.sendToUsers(["u1"], live("two\n\n"));
    registry.sendToAll(live("three\n\n"));
    await turn();
    await turn();
    expect(text(a.chunks)).toEqual(["one\n\ntwo\n\nthree\n\n"]);
    expect(text(b.chunks)).toEqual(["one\n\nthree\n\n"]);
    registry.sendToAll(live("four\n\n"));
    await until(() => a.chunks.length === 2);
    expect(text(a.chunks)).toEqual(["one\n\ntwo\n\nthree\n\n", "four\n\n"]);
  });

  it("keeps order when a direct write follows pending frames, and skips the heartbeat while frames wait", async () => {
    const registry = new Registry({ perUser: 5, total: 10, heartbeatMs: 100 });
    const a = openPumped(registry);
    a.stream.lastWriteAt = 0;
    registry.sendToAll(live("live\n\n"));
    registry.tick(Date.now());
    expect(a.stream.hasPending).toBe(true);
    a.stream.write(HEARTBEAT);
    await turn();
    await turn();
    expect(text(a.chunks)).toEqual(["live\n\n", ": heartbeat\n\n"]);
  });

  it("drops a stream whose reader stops past its queue bound, and frees its registry entry once", async () => {
    const registry = new Registry({ perUser: 5, total: 10, heartbeatMs: 60_000 });
    const stream = new Stream("u1", "s1", Date.now() + 60_000, 1024, registry);
    registry.add(stream);
    new ReadableStream<Uint8Array>(stream, new ByteLengthQueuingStrategy({ highWaterMark: 1024 })); // never read
    registry.sendToAll(live("x".repeat(2048)));
    await until(() => stream.closed);
    expect(stream.closeReason).toBe("slow_consumer");
    expect(registry.stats()).toEqual({ streams: 0, users: 0 });
    stream.close("cancelled");
    expect(stream.closeReason).toBe("slow_consumer");
  });

  it("writes a round in slices; frames that arrive meanwhile join the streams still waiting, in order", async () => {
    // A zero-length slice: one stream per turn, so the test can send between two streams' writes.
    const registry = new Registry({ perUser: 5, total: 10, heartbeatMs: 60_000 }, {}, 0);
    const [a, b, c] = ["u1", "u2", "u3"].map((u) => openPumped(registry, u));
    registry.sendToAll(live("one\n\n"));
    await turn(); // the round's first slice has written u1 only
    registry.sendToAll(live("two\n\n"));
    await until(() => a!.chunks.length === 2 && c!.chunks.length === 1);
    // u1 was written before "two" arrived: it gets "two" in the next round; u2 and u3 get both at once.
    expect(text(a!.chunks)).toEqual(["one\n\n", "two\n\n"]);
    expect(text(b!.chunks)).toEqual(["one\n\ntwo\n\n"]);
    expect(text(c!.chunks)).toEqual(["one\n\ntwo\n\n"]);
    // Streams given the same frames share one joined buffer, not one copy each.
    expect(b!.chunks[0]).toBe(c!.chunks[0]);
  });

  it("closes on the request's abort through the stream itself as the listener", () => {
    const registry = new Registry({ perUser: 5, total: 10, heartbeatMs: 60_000 });
    const { stream } = openPumped(registry);
    const abort = new AbortController();
    abort.signal.addEventListener("abort", stream, { once: true });
    abort.abort();
    expect(stream.closeReason).toBe("client_closed");
    expect(registry.count("u1")).toBe(0);
  });
});

describe("Registry counters (read by the metrics endpoint at scrape time)", () => {
  it("count streams opened, closed by reason and refused by cap", () => {
    const registry = new Registry({ perUser: 1, total: 2, heartbeatMs: 60_000 });
    const a = openPumped(registry, "u1");
    expect(() => openPumped(registry, "u1")).toThrow();
    openPumped(registry, "u2");
    expect(() => openPumped(registry, "u3")).toThrow();
    a.stream.close("slow_consumer");
    a.stream.close("cancelled"); // the second close changes nothing
    registry.closeSession("u2", "s1");
    expect(registry.counters).toMatchObject({
      opened: 2,
      refused: { user_cap: 1, process_cap: 1 },
      closed: { slow_consumer: 1, session_ended: 1, cancelled: 0, client_closed: 0 },
    });
  });

  it("count each frame written to each stream, and time each frame once, after the round that wrote it last", async () => {
    const rounds: number[][] = [];
    const registry = new Registry({ perUser: 5, total: 10, heartbeatMs: 60_000 }, { onWritten: (publishedAt) => rounds.push([...publishedAt]) }, 0);
    const [a, b, c] = ["u1", "u2", "u3"].map((u) => openPumped(registry, u));
    registry.sendToAll({ ...live("one\n\n"), at: 100 });
    registry.sendToUsers(["u1", "nobody"], { ...live("two\n\n"), at: 200 });
    registry.sendToUsers(["nobody"], { ...live("lost\n\n"), at: 300 }); // no stream here: not timed
    await until(() => a!.chunks.length === 1 && b!.chunks.length === 1 && c!.chunks.length === 1 && rounds.length === 1);
    expect(registry.counters.framesDelivered).toBe(4);
    expect(rounds).toEqual([[100, 200]]);
  });
});

describe("Stream: exactly once around replays and bus gaps", () => {
  it("drops the one live copy of an event a replay already wrote, and nothing else", async () => {
    const registry = new Registry({ perUser: 5, total: 10, heartbeatMs: 60_000 });
    const a = openPumped(registry);
    a.stream.write(new TextEncoder().encode("id: 7\n\n"), "7");
    a.stream.expectLive(new Set(["7"]));
    expect(a.stream.awaitsLive("7")).toBe(true);
    registry.sendToAll(frame("7", "id: 7 (live copy)\n\n"));
    expect(a.stream.awaitsLive("7")).toBe(false);
    registry.sendToAll(frame("8", "id: 8\n\n"));
    registry.sendToAll(frame("7", "id: 7 (again: not expected any more)\n\n"));
    await until(() => text(a.chunks).join("").includes("again"));
    expect(text(a.chunks).join("")).toBe("id: 7\n\nid: 8\n\nid: 7 (again: not expected any more)\n\n");
    expect(a.stream.lastCursor).toBe("7");
  });

  it("marks its place when the bus goes down and records what it writes until the catch-up", () => {
    const registry = new Registry({ perUser: 5, total: 10, heartbeatMs: 60_000 });
    const fresh = openPumped(registry, "u1");
    const seen = openPumped(registry, "u2");
    seen.stream.write(new TextEncoder().encode("x"), "41", "41.7.9");
    fresh.stream.beginGap("40.7.8");
    seen.stream.beginGap("40.7.8");
    // A stream with nothing of its own resumes from the bus's last event's cursor; the other from its own.
    expect(fresh.stream.gap?.from).toBe("40.7.8");
    expect(seen.stream.gap?.from).toBe("41.7.9");
    registry.sendToUsers(["u2"], { ...frame("43", "y"), cursor: "43.8.12" });
    expect([...seen.stream.gap!.written]).toEqual(["43"]);
    expect(seen.stream.lastCursor).toBe("43.8.12");
    // A second "down" before the catch-up keeps the first place.
    seen.stream.beginGap("50.9.13");
    expect(seen.stream.gap?.from).toBe("41.7.9");
    seen.stream.close("client_closed");
    expect(seen.stream.gap).toBeNull();
  });
});

describe("Registry presence linger", () => {
  const lingering = { ...limits, lingerMs: 3000 };

  it("keeps a user present for the linger after their last stream closes, without telling presence they left", () => {
    const active = vi.fn();
    const idle = vi.fn();
    const registry = new Registry(lingering, { onUserOnline: active, onUserIdle: idle });
    const first = open(registry, "bob");
    expect(active).toHaveBeenCalledTimes(1);

    registry.remove(first.stream, 10_000); // the leading tab closes...
    expect(registry.count("bob")).toBe(0);
    expect(registry.stats()).toEqual({ streams: 0, users: 0 }); // streams are counted as they are
    expect(registry.present("bob")).toBe(true);
    expect(registry.onlineUserIds()).toEqual(["bob"]);
    registry.tick(12_999);
    open(registry, "bob"); // ...and the next one opens the stream again
    registry.tick(20_000);
    expect(idle).not.toHaveBeenCalled();
    expect(active).toHaveBeenCalledTimes(1);
    expect(registry.present("bob")).toBe(true);
  });

  it("does not linger for a stream whose session ended: that is no hand-over", () => {
    const idle = vi.fn();
    const registry = new Registry(lingering, { onUserIdle: idle });
    open(registry, "dave", { sid: "gone" });
    registry.closeSession("dave", "gone");
    expect(idle).toHaveBeenCalledWith("dave");
    expect(registry.present("dave")).toBe(false);
  });

  it("lets the user go once the linger is over", () => {
    const idle = vi.fn();
    const registry = new Registry(lingering, { onUserIdle: idle });
    registry.remove(open(registry, "carol").stream, 10_000);
    registry.tick(12_999);
    expect(idle).not.toHaveBeenCalled();
    registry.tick(13_000);
    expect(idle).toHaveBeenCalledWith("carol");
    expect(registry.present("carol")).toBe(false);
    expect(registry.onlineUserIds()).toEqual([]);
  });
});
