// Slow readers: 100 clients that stop reading while large broadcasts flow. Each is dropped once
// its unread queue passes HERALD_STREAM_MAX_QUEUE_BYTES (small here), so the server's memory stays
// bounded by the streams it serves, not by what the stalled ones fail to read; the clients that
// do read get every broadcast, in order. (Latency goals live in the bench, not here.)
import { readFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, durableIds, report, signedIn, waitUntil, type Stream } from "../support/client";
import { startServer, type TestServer } from "../support/server";

const SLOW = 100;
const READERS = 10;
const MAX_QUEUE_BYTES = 16 * 1024;
const BLOB = "x".repeat(48 * 1024);

let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    env: { HERALD_STREAM_MAX_QUEUE_BYTES: String(MAX_QUEUE_BYTES), HERALD_MAX_STREAMS_PER_USER: String(SLOW + READERS) },
  });
});
afterAll(async () => {
  await server?.stop();
});

const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, "utf8"))![1]) / 1024;
const streams = async () => (await api(server.url, "GET", "/api/v1/stats")).body!.streams as number;

/** A client that reads the response head and first bytes, then never reads again. */
async function stalledClient(cookie: string): Promise<{ socket: Socket; closed: () => boolean }> {
  const socket = connect(server.port, "127.0.0.1");
  let closed = false;
  socket.on("close", () => (closed = true));
  socket.on("error", () => undefined);
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  socket.write(`GET /api/events/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\nAccept: text/event-stream\r\n\r\n`);
  await new Promise<void>((resolve) => socket.once("data", () => resolve()));
  socket.pause();
  return { socket, closed: () => closed };
}

describe("slow readers", () => {
  it("drops the clients that stop reading at the byte bound; memory stays bounded; readers get every event", async () => {
    const bob = await signedIn(server.url, "bob@herald.test");
    const carol = await signedIn(server.url, "carol@herald.test");
    const readers: Stream[] = [];
    for (let i = 0; i < READERS; i++) {
      const s = await carol.stream();
      await s.waitFor((e) => e.type === "connection_established");
      readers.push(s);
    }
    const stalled: Awaited<ReturnType<typeof stalledClient>>[] = [];
    for (let i = 0; i < SLOW; i++) stalled.push(await stalledClient(bob.cookie));
    expect(await streams()).toBe(SLOW + READERS);
    const baseline = rssMb();
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 100);

    const sent: string[] = [];
    // Broadcast until every stalled client is dropped (bounded: 400 × 48 KB would be ~1.9 GB queued for them).
    for (let i = 0; i < 400; i++) {
      const res = await api(server.url, "POST", "/api/v1/broadcasts", { type: "feature_announcement", message: `bulk ${i}`, data: { blob: BLOB } });
      expect(res.status).toBe(202);
      sent.push(res.body!.id);
      if (i % 10 === 9 && (await streams()) === READERS) break;
    }
    const marker = await api(server.url, "POST", "/api/v1/broadcasts", { type: "feature_announcement", message: "last", data: {} });
    sent.push(marker.body!.id);
    await waitUntil(async () => (await streams()) === READERS, "every stalled client to be dropped", 60_000, 250);
    for (const r of readers) await r.waitFor((e) => e.id === marker.body!.id, 30_000);
    clearInterval(sampler);
    peak = Math.max(peak, rssMb());

    // A dropped client, reading again, finds its stream ended: the server closed it.
    for (const c of stalled) c.socket.resume();
    await waitUntil(() => stalled.every((c) => c.closed()), "the stalled sockets to end", 30_000, 100);

    const queuedIfUnbounded = ((sent.length - 1) * BLOB.length * SLOW) / 1024 / 1024;
    let losses = 0;
    let duplicates = 0;
    for (const r of readers) {
      const got = durableIds(r);
      losses += sent.filter((id) => !got.includes(id)).length;
      duplicates += got.length - new Set(got).size;
      expect(got).toEqual(sent);
    }
    report("slow readers", {
      stalled: SLOW,
      readers: READERS,
      broadcasts: sent.length,
      dropped: stalled.filter((c) => c.closed()).length,
      reader_losses: losses,
      reader_duplicates: duplicates,
      rss_baseline_mb: baseline.toFixed(0),
      rss_peak_mb: peak.toFixed(0),
      would_queue_unbounded_mb: queuedIfUnbounded.toFixed(0),
    });
    // Bounded: far below what the stalled clients failed to read (which the kernel partly absorbs).
    expect(peak - baseline).toBeLessThan(Math.max(256, queuedIfUnbounded / 4));
    for (const r of readers) expect(r.ended).toBe(false);
    for (const r of readers) r.close();
  });
});
