// A stopping process spreads its clients' reconnects: every stream ends after its own `retry:`
// hint (distinct values, spread at HERALD_RECONNECT_RATE per second after a short base wait), and
// clients that honour the hint and resume with their last `id:` (as EventSource does) all come back
// to the restarted process, with the event sent meanwhile exactly once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, durableIds, firstArrivals, lastCursor, openStreams, report, signedIn, sleep, Stream, waitUntil, type Session } from "../support/client";
import { startServer, type TestServer } from "../support/server";

const RATE = 20; // reconnects per second: 12 streams over ~0.6 s
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ env: { HERALD_RECONNECT_RATE: String(RATE), HERALD_OFFLINE_GRACE_MS: "600000" } });
});
afterAll(async () => {
  await server?.stop();
});

describe("reconnects after a SIGTERM", () => {
  it("are spread by distinct retry hints, and every client comes back and gets what was sent meanwhile once", async () => {
    type Client = { user: string; session: Session; stream: Stream; seen: string[]; retry: number };
    const clients: Client[] = [];
    for (const user of ["alice", "bob", "carol"]) {
      const session = await signedIn(server.url, `${user}@herald.test`);
      for (let i = 0; i < 4; i++) {
        const stream = await session.stream();
        await stream.waitFor((e) => e.type === "connection_established");
        clients.push({ user, session, stream, seen: [], retry: 0 });
      }
    }
    const send = async (message: string) => {
      const res = await api(server.url, "POST", "/api/v1/notifications", {
        to: ["alice@herald.test", "bob@herald.test", "carol@herald.test"],
        type: "feature_announcement",
        message,
        data: {},
      });
      expect(res.status).toBe(202);
      return res.body!.id as string;
    };
    const before = await send("before the restart");
    for (const c of clients) await c.stream.waitFor((e) => e.id === before);

    await server.kill("SIGTERM", 60_000);
    for (const c of clients) {
      await c.stream.waitForEnd();
      c.seen = durableIds(c.stream);
      c.retry = c.stream.retry!;
    }
    const hints = clients.map((c) => c.retry);
    // Each stream has its own slot: no two clients are told to come back at the same moment.
    expect(new Set(hints).size).toBe(clients.length);
    for (const ms of hints) {
      expect(ms).toBeGreaterThanOrEqual(250);
      expect(ms).toBeLessThan(250 + ((clients.length + 1) * 1000) / RATE);
    }

    await server.start();
    const during = await send("while the clients come back");
    // Each client waits its hint, then resumes from its last `id:`, as EventSource does.
    await Promise.all(
      clients.map(async (c) => {
        await sleep(c.retry);
        c.stream = await Stream.open(`${server.url}/api/events/stream`, { cookie: c.session.cookie, "last-event-id": lastCursor(c.stream)! });
        expect(c.stream.status).toBe(200);
      }),
    );
    await waitUntil(async () => (await openStreams(server.url)) === clients.length, "every client back");
    const after = await send("after everyone is back");
    let duplicates = 0;
    let losses = 0;
    for (const c of clients) {
      await c.stream.waitFor((e) => e.id === after, 15_000);
      const now = durableIds(c.stream);
      duplicates += now.length - new Set(now).size;
      const got = firstArrivals([...c.seen, ...now]);
      losses += [before, during, after].filter((id) => !got.includes(id)).length;
      expect(got.filter((id) => id === during)).toHaveLength(1);
    }
    report("reconnect spread", { streams: clients.length, distinct_retry_hints: new Set(hints).size, min_retry_ms: Math.min(...hints), max_retry_ms: Math.max(...hints), duplicates, losses });
    expect({ duplicates, losses }).toEqual({ duplicates: 0, losses: 0 });
    for (const c of clients) c.stream.close();
  });
});
