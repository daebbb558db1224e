import { describe, expect, it } from "vitest";
import { Registry } from "./registry";
import { Stream } from "./stream";

const decoder = new TextDecoder();
const frame = (id: string, size: number) => ({ id, bytes: new TextEncoder().encode(`id: ${id}\ndata: ${"x".repeat(size)}\n\n`) });

function open(maxQueueBytes: number) {
  const registry = new Registry({ perUser: 5, total: 10, heartbeatMs: 60_000 }, {}, 0);
  const stream = new Stream("bob", "s1", Date.now() + 60_000, maxQueueBytes, registry);
  registry.add(stream);
  const reader = new ReadableStream<Uint8Array>(stream, new ByteLengthQueuingStrategy({ highWaterMark: maxQueueBytes })).getReader();
  return { registry, stream, reader };
}

describe("Stream: live frames held while a replay is written", () => {
  it("are written after the replay, in order, once released", async () => {
    const { stream, reader } = open(4096);
    stream.hold();
    stream.send(frame("2", 10));
    stream.send(frame("3", 10));
    stream.write(new TextEncoder().encode("id: 1\n\n"), "1");
    expect(stream.release(() => false)).toBe(2);
    const text: string[] = [];
    for (let i = 0; i < 3; i++) text.push(decoder.decode((await reader.read()).value));
    expect(text.join("").match(/id: \d/g)).toEqual(["id: 1", "id: 2", "id: 3"]);
  });

  it("past HERALD_STREAM_MAX_QUEUE_BYTES close the stream as a slow consumer, holding nothing more", async () => {
    const { registry, stream, reader } = open(1024);
    stream.hold();
    stream.send(frame("1", 600));
    expect(stream.closed).toBe(false);
    stream.send(frame("2", 600));
    expect(stream.closeReason).toBe("slow_consumer");
    expect(registry.counters.closed.slow_consumer).toBe(1);
    expect(registry.stats()).toEqual({ streams: 0, users: 0 });
    expect(stream.release(() => false)).toBe(0);
    await expect(reader.read()).rejects.toThrow("slow consumer");
  });
});
