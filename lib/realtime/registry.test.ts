import { describe, expect, it } from "vitest";
import { Connection } from "./connection";
import { Registry } from "./registry";
import { HEARTBEAT } from "./sse";

const text = (chunks: Uint8Array[]) => chunks.map((c) => new TextDecoder().decode(c));
const turn = () => new Promise((r) => setImmediate(r));
async function until(check: () => boolean, ms = 2_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
}

function open(registry: Registry, userId = "u1", maxQueueBytes = 1 << 20) {
  const conn = new Connection(userId, "s1", Date.now() + 60_000, maxQueueBytes, registry);
  registry.add(conn);
  const chunks: Uint8Array[] = [];
  const stream = new ReadableStream<Uint8Array>(conn, new ByteLengthQueuingStrategy({ highWaterMark: maxQueueBytes }));
  const reader = stream.getReader();
  const pump = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      chunks.push(value);
    }
  })().catch(() => undefined);
  return { conn, chunks, reader, pump };
}

const frame = (s: string, id: string | null = null) => ({ id, bytes: new TextEncoder().encode(s) });

describe("Registry fan-out", () => {
  it("writes the frames of one turn to each stream as one chunk, in order", async () => {
    const registry = new Registry({ perUser: 5, total: 10, heartbeatMs: 60_000 });
    const a = open(registry, "u1");
    const b = open(registry, "u2");
    registry.sendToAll(frame("one\n\n"));
    registry.sendToUsers(["u1"], frame("two\n\n"));
    registry.sendToAll(frame("three\n\n"));
    await turn();
    await turn();
    expect(text(a.chunks)).toEqual(["one\n\ntwo\n\nthree\n\n"]);
    expect(text(b.chunks)).toEqual(["one\n\nthree\n\n"]);
    registry.sendToAll(frame("four\n\n"));
    await until(() => a.chunks.length === 2);
    expect(text(a.chunks)).toEqual(["one\n\ntwo\n\nthree\n\n", "four\n\n"]);
  });

  it("keeps order when a direct write follows pending frames, and skips the heartbeat while frames wait", async () => {
    const registry = new Registry({ perUser: 5, total: 10, heartbeatMs: 100 });
    const a = open(registry);
    a.conn.lastWriteAt = 0;
    registry.sendToAll(frame("live\n\n"));
    registry.tick(Date.now());
    expect(a.conn.hasPending).toBe(true);
    a.conn.write(HEARTBEAT);
    await turn();
    await turn();
    expect(text(a.chunks)).toEqual(["live\n\n", ": heartbeat\n\n"]);
  });

  it("drops a stream whose reader stops past its queue bound, and frees its registry entry once", async () => {
    const registry = new Registry({ perUser: 5, total: 10, heartbeatMs: 60_000 });
    const conn = new Connection("u1", "s1", Date.now() + 60_000, 1024, registry);
    registry.add(conn);
    new ReadableStream<Uint8Array>(conn, new ByteLengthQueuingStrategy({ highWaterMark: 1024 })); // never read
    registry.sendToAll(frame("x".repeat(2048)));
    await until(() => conn.closed);
    expect(conn.closeReason).toBe("slow_consumer");
    expect(registry.stats()).toEqual({ streams: 0, users: 0 });
    conn.close("cancelled");
    expect(conn.closeReason).toBe("slow_consumer");
  });

  it("coalesces the frames that arrive while a costly flush's work is still being paid for", async () => {
    const registry = new Registry({ perUser: 5, total: 10, heartbeatMs: 60_000 });
    const a = open(registry);
    registry.sendToAll(frame("one\n\n"));
    await turn();
    const busyUntil = Date.now() + 30; // the flush's aftermath keeps the loop busy for 30 ms
    while (Date.now() < busyUntil);
    await turn();
    registry.sendToAll(frame("two\n\n"));
    await new Promise((r) => setTimeout(r, 5));
    registry.sendToAll(frame("three\n\n"));
    await until(() => a.chunks.length === 2);
    expect(text(a.chunks)).toEqual(["one\n\n", "two\n\nthree\n\n"]);
  });

  it("closes on the request's abort through the connection itself as the listener", () => {
    const registry = new Registry({ perUser: 5, total: 10, heartbeatMs: 60_000 });
    const { conn } = open(registry);
    const abort = new AbortController();
    abort.signal.addEventListener("abort", conn, { once: true });
    abort.abort();
    expect(conn.closeReason).toBe("client_closed");
    expect(registry.count("u1")).toBe(0);
  });
});
