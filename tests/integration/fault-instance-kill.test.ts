// An instance killed with SIGKILL under two instances (Postgres + Redis): its users drop out of
// presence within the stated bound (HERALD_PRESENCE_TTL_MS after the kill: the instance stops
// refreshing them and their entries expire), and their clients, reconnecting to the other
// instance with their last id, miss nothing and get nothing twice. (Outbox rows a killed worker
// had claimed are retaken after the lease and sent once: outbox-recovery.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, durableIds, report, signedIn, sleep, Stream, type Session } from "../support/client";
import { startServer, type TestServer } from "../support/server";

const enabled = !!process.env.TEST_DATABASE_URL && !!process.env.TEST_REDIS_URL;
const PRESENCE_TTL_MS = 3000;

describe.runIf(enabled)("an instance killed with SIGKILL", () => {
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    const env = {
      REDIS_URL: process.env.TEST_REDIS_URL!,
      HERALD_REDIS_PREFIX: `herald-kill-${process.pid}-${Date.now()}:`,
      HERALD_PRESENCE_TTL_MS: String(PRESENCE_TTL_MS),
      // No SMS while the users are between instances: this test is about the stream.
      HERALD_OFFLINE_GRACE_MS: "600000",
    };
    a = await startServer({ backend: "postgres", env });
    b = await startServer({ databaseUrl: a.databaseUrl!, env });
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  it("drops its users from presence within the TTL; their clients resume on the other instance and miss nothing", async () => {
    const ledgerSse = async (id: string) =>
      ((await api(a.url, "GET", `/api/v1/notifications/${id}`)).body!.deliveries as { channel: string; status: string }[]).find((d) => d.channel === "sse")!.status;
    type Client = { name: string; user: string; session: Session; stream: Stream; seen: string[] };
    const clients: Client[] = [];
    for (const [name, user] of [["bob-1", "bob"], ["bob-2", "bob"], ["carol-1", "carol"]] as const) {
      const session = await signedIn(b.url, `${user}@herald.test`);
      const stream = await session.stream();
      await stream.waitFor((e) => e.type === "connection_established");
      clients.push({ name, user, session, stream, seen: [] });
    }
    const expected = new Map<string, string[]>(clients.map((c) => [c.name, []]));
    const send = async (to: string[] | null, message: string) => {
      const res = to
        ? await api(a.url, "POST", "/api/v1/notifications", { to: to.map((u) => `${u}@herald.test`), type: "feature_announcement", message, data: {} })
        : await api(a.url, "POST", "/api/v1/broadcasts", { type: "system_maintenance", message, data: { startTime: "2030-01-01T00:00:00Z" } });
      expect(res.status).toBe(202);
      for (const c of clients) if (!to || to.includes(c.user)) expected.get(c.name)!.push(res.body!.id);
      return res.body!.id as string;
    };
    for (let i = 0; i < 4; i++) await send(i % 2 ? ["bob"] : ["bob", "carol"], `before ${i}`);
    await send(null, "before: broadcast");
    for (const c of clients) await c.stream.until(() => expected.get(c.name)!.every((id) => durableIds(c.stream).includes(id)), 10_000, `${c.name} live`);
    // What each client had when its instance died: it resumes from its last id.
    for (const c of clients) c.seen = durableIds(c.stream);

    await b.kill("SIGKILL");
    const killedAt = Date.now();
    // Within the TTL bob may still count as online somewhere; events keep flowing regardless.
    let firstOfflineMs: number | null = null;
    let i = 0;
    while (Date.now() - killedAt < PRESENCE_TTL_MS) {
      const id = await send(i % 3 === 2 ? null : i % 2 ? ["bob"] : ["bob", "carol"], `after the kill ${i++}`);
      if (firstOfflineMs === null && i % 3 !== 0 && (await ledgerSse(id)) === "missed") firstOfflineMs = Date.now() - killedAt;
      await sleep(250);
    }
    // The bound: past the TTL after the kill, every probe sees them offline.
    const probe = await send(["bob", "carol"], "past the presence TTL");
    expect(await ledgerSse(probe)).toBe("missed");
    firstOfflineMs ??= Date.now() - killedAt;

    // The clients reconnect to A (the same session cookie) with their last id, as EventSource does.
    for (const c of clients) {
      c.stream = await Stream.open(`${a.url}/api/events/stream`, { cookie: c.session.cookie, "last-event-id": c.seen.at(-1)! });
      expect(c.stream.status).toBe(200);
    }
    const marker = await send(null, "after the reconnect");
    for (const c of clients) await c.stream.waitFor((e) => e.id === marker, 15_000);

    let sent = 0;
    let delivered = 0;
    let duplicates = 0;
    let losses = 0;
    let leaks = 0;
    let outOfOrder = 0;
    for (const c of clients) {
      const got = [...c.seen, ...durableIds(c.stream)];
      const want = expected.get(c.name)!;
      sent += want.length;
      delivered += got.length;
      duplicates += got.length - new Set(got).size;
      losses += want.filter((id) => !got.includes(id)).length;
      leaks += got.filter((id) => !want.includes(id)).length;
      if (got.some((id, k) => k > 0 && BigInt(id) < BigInt(got[k - 1]!))) outOfOrder++;
    }
    report("instance SIGKILL", { presence_ttl_ms: PRESENCE_TTL_MS, first_seen_offline_after_ms: firstOfflineMs, clients: clients.length, sent, delivered, duplicates, losses, leaks, out_of_order_clients: outOfOrder });
    expect({ duplicates, losses, leaks, outOfOrder }).toEqual({ duplicates: 0, losses: 0, leaks: 0, outOfOrder: 0 });
    expect(delivered).toBe(sent);
    for (const c of clients) c.stream.close();
    // B is restarted for afterAll's stop (and to show it comes back on the same database).
    await b.start();
  });
});
