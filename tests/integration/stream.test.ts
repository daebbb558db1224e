// The one SSE stream, used over HTTP against the production build as browsers and services use it.
import { connect } from "node:net";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { pgOptionsFromUrl } from "../../lib/db/pg-options.mjs";
import { api, durableIds, firstArrivals, lastCursor, openStreams, signedIn, streamsClosed, waitUntil, type Session, type Stream } from "../support/client";
import { startServer, wantPostgres, type TestServer } from "../support/server";

let server: TestServer;
let bob: Session;
let carol: Session;
const open: Stream[] = [];

async function stream(session: Session, opts?: Parameters<Session["stream"]>[0]): Promise<Stream> {
  const s = await session.stream(opts);
  open.push(s);
  return s;
}

const notifyBob = (message: string, extra: Record<string, unknown> = {}) =>
  api(server.url, "POST", "/api/v1/notifications", {
    to: "bob@herald.test",
    type: "trading_alert",
    message,
    data: { symbol: "SOL/USDT", profit: 150.5 },
    ...extra,
  });

beforeAll(async () => {
  server = await startServer({
    // A linger far longer than any step here: the presence tests below never race it.
    env: { HERALD_MAX_STREAMS_PER_USER: "3", HERALD_HEARTBEAT_MS: "400", HERALD_REPLAY_LIMIT: "5", HERALD_PRESENCE_LINGER_MS: "60000" },
  });
  bob = await signedIn(server.url, "bob@herald.test");
  carol = await signedIn(server.url, "carol@herald.test");
});

afterEach(async () => {
  for (const s of open.splice(0)) s.close();
  // The server must have seen the disconnects before the next test counts streams.
  await streamsClosed(server.url);
});

afterAll(async () => {
  await server?.stop();
});

describe("GET /api/events/stream", () => {
  it("answers 401 with the JSON error shape without a session", async () => {
    const res = await fetch(`${server.url}/api/events/stream`);
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(await res.json()).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
  });

  it("answers 401 for a forged session cookie", async () => {
    const res = await fetch(`${server.url}/api/events/stream`, { headers: { cookie: "next-auth.session-token=forged" } });
    expect(res.status).toBe(401);
  });

  it("streams with SSE headers, a retry hint and connection_established first", async () => {
    const s = await stream(bob);
    expect(s.status).toBe(200);
    expect(s.response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(s.response.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(s.response.headers.get("x-accel-buffering")).toBe("no");
    const first = await s.until(() => s.envelopes[0]);
    expect(first.type).toBe("connection_established");
    expect(first.category).toBe("system");
    expect(s.retry).toBeGreaterThan(0);
    // Heartbeat comments keep idle streams open through proxies.
    await s.until(() => s.comments.includes("heartbeat"), 5_000, "heartbeat");
  });

  it("rejects a malformed lastEventId with 400", async () => {
    const res = await fetch(`${server.url}/api/events/stream?lastEventId=abc`, { headers: { cookie: bob.cookie } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("invalid_request");
  });
});

describe("delivery", () => {
  it("sends a targeted event to every open stream of its user and to no one else", async () => {
    const [tab1, tab2, other] = [await stream(bob), await stream(bob), await stream(carol)];
    await Promise.all([tab1, tab2, other].map((s) => s.waitFor((e) => e.type === "connection_established")));

    const sent = await notifyBob("Take profit target reached!");
    expect(sent.status).toBe(202);
    const id = sent.body!.id as string;

    for (const tab of [tab1, tab2]) {
      const got = await tab.waitFor((e) => e.id === id);
      expect(got).toMatchObject({ type: "trading_alert", category: "trading", priority: "high", message: "Take profit target reached!" });
      expect(got.data).toEqual({ symbol: "SOL/USDT", profit: 150.5 });
      // The frame's `id:` is its resume cursor: the event's id, an xmin, its transaction id, its insert's xmin.
      expect(tab.messages.find((m) => m.envelope.id === id)?.id).toMatch(new RegExp(`^${id}(\\.\\d+){3}$`));
    }
    // A later event to the other user: by the time it arrives, bob's would have too.
    const marker = await api(server.url, "POST", "/api/v1/notifications", { to: "carol@herald.test", type: "trading_alert", message: "marker", data: { symbol: "SOL/USDT" } });
    await other.waitFor((e) => e.id === marker.body!.id);
    expect(other.envelopes.map((e) => e.id)).not.toContain(id);
  });

  it("sends a broadcast to everyone", async () => {
    const [b, c] = [await stream(bob), await stream(carol)];
    const sent = await api(server.url, "POST", "/api/v1/broadcasts", {
      type: "system_maintenance",
      message: "Scheduled maintenance in 10 minutes",
      data: { startTime: "2025-01-15T02:00:00Z" },
    });
    expect(sent.status).toBe(202);
    for (const s of [b, c]) {
      expect(await s.waitFor((e) => e.id === sent.body!.id)).toMatchObject({ type: "system_maintenance", priority: "high" });
    }
  });

  it("keeps a payload's CR/LF inside one frame", async () => {
    const s = await stream(bob);
    await s.waitFor((e) => e.type === "connection_established");
    const evil = "line1\r\n\r\ndata: {\"type\":\"forged\"}\n\nid: 999999\r\nend";
    const sent = await notifyBob(evil, { data: { symbol: evil, profit: 1 } });
    const got = await s.waitFor((e) => e.id === sent.body!.id);
    expect(got.message).toBe(evil);
    expect(got.data.symbol).toBe(evil);
    expect(s.envelopes.some((e) => (e.type as string) === "forged")).toBe(false);
    expect(s.messages.every((m) => m.id === undefined || /^\d+(\.\d+){3}$/.test(m.id))).toBe(true);
  });
});

describe("replay", () => {
  async function missedThree(): Promise<{ cursor: string; ids: string[] }> {
    const first = await stream(bob);
    const mark = await notifyBob("before the disconnect");
    await first.waitFor((e) => e.id === mark.body!.id);
    const before = await openStreams(server.url);
    first.close();
    await streamsClosed(server.url, before - 1);
    const ids: string[] = [];
    for (const n of [1, 2, 3]) ids.push((await notifyBob(`missed ${n}`)).body!.id as string);
    // Another user's event in between must not be replayed to bob.
    await api(server.url, "POST", "/api/v1/notifications", {
      to: "carol@herald.test",
      type: "badge_earned",
      message: "carol only",
      data: { badgeId: "x", name: "X" },
    });
    return { cursor: mark.body!.id as string, ids };
  }

  it("replays exactly the missed events, in order, after Last-Event-ID", async () => {
    const { cursor, ids } = await missedThree();
    const s = await stream(bob, { lastEventId: cursor });
    await s.until(() => s.envelopes.filter((e) => /^\d+$/.test(e.id)).length >= 3);
    const live = await notifyBob("live after replay");
    await s.waitFor((e) => e.id === live.body!.id);
    const durable = s.envelopes.filter((e) => /^\d+$/.test(e.id)).map((e) => e.id);
    expect(durable).toEqual([...ids, live.body!.id]);
    expect(s.envelopes[0]!.type).toBe("connection_established");
  });

  it("replays after the lastEventId query parameter (page loads), the header winning when both are sent", async () => {
    const { cursor, ids } = await missedThree();
    const s = await stream(bob, { query: `?lastEventId=${cursor}` });
    await s.until(() => s.envelopes.filter((e) => /^\d+$/.test(e.id)).length >= 3);
    expect(s.envelopes.filter((e) => /^\d+$/.test(e.id)).map((e) => e.id)).toEqual(ids);

    const both = await stream(bob, { query: `?lastEventId=${cursor}`, lastEventId: ids[1] });
    await both.until(() => both.envelopes.some((e) => e.id === ids[2]));
    expect(both.envelopes.filter((e) => /^\d+$/.test(e.id)).map((e) => e.id)).toEqual([ids[2]]);
  });

  it("resumes from a live frame's cursor with what came after it on the bus, and nothing it had", async () => {
    const notifyCarol = (message: string) =>
      api(server.url, "POST", "/api/v1/notifications", { to: "carol@herald.test", type: "badge_earned", message, data: { badgeId: "x", name: "X" } });
    const s1 = await stream(carol);
    await s1.waitFor((e) => e.type === "connection_established");
    const had: string[] = [];
    for (const n of [1, 2, 3]) had.push((await notifyCarol(`live ${n}`)).body!.id as string);
    await s1.until(() => had.every((id) => durableIds(s1).includes(id)));
    const cursor = lastCursor(s1)!;
    const before = await openStreams(server.url);
    s1.close();
    await streamsClosed(server.url, before - 1);
    const missed = (await notifyCarol("while away")).body!.id as string;
    const s2 = await stream(carol, { lastEventId: cursor });
    await s2.waitFor((e) => e.id === missed);
    const marker = (await notifyCarol("marker")).body!.id as string;
    await s2.waitFor((e) => e.id === marker);
    // Recent history a resume may re-read (HERALD_PUBLISH_LAG_MS) reached this instance before the
    // cursor's event did, so the stream carried it already: nothing is sent again.
    expect(durableIds(s2)).toEqual([missed, marker]);
  });

  it("sends a resync event instead of an unbounded backlog", async () => {
    const first = await stream(bob);
    const mark = await notifyBob("mark");
    await first.waitFor((e) => e.id === mark.body!.id);
    const before = await openStreams(server.url);
    first.close();
    await streamsClosed(server.url, before - 1);
    for (let i = 0; i < 8; i++) await notifyBob(`backlog ${i}`);
    const s = await stream(bob, { lastEventId: mark.body!.id as string });
    const resync = await s.waitFor((e) => e.type === "resync");
    const replayed = s.envelopes.filter((e) => e.type === "trading_alert");
    expect(replayed).toHaveLength(5); // HERALD_REPLAY_LIMIT
    expect(resync.data.reason).toBe("replay_limit");
  });
});

if (!wantPostgres()) console.warn("[stream] replay across concurrent commits: skipped (needs TEST_DATABASE_URL; PGlite has one connection, so commits never overlap)");
describe.runIf(wantPostgres())("replay across concurrent commits (Postgres)", () => {
  // Alice: she gets nothing here but one broadcast, so however recent this server's history, her
  // resume stays within HERALD_REPLAY_LIMIT (5).
  const notifyAlice = (message: string) =>
    api(server.url, "POST", "/api/v1/notifications", { to: "alice@herald.test", type: "trading_alert", message, data: { symbol: "SOL/USDT" } });

  it("resumes after an event that overtook an earlier one still being committed: the earlier one arrives once", async () => {
    const alice = await signedIn(server.url, "alice@herald.test");
    // A request still inside its transaction holds an id (taken at insert) that a later request's
    // event, committed and published first, is numbered after.
    const { poolConfig } = pgOptionsFromUrl(server.databaseUrl!);
    const held = new pg.Client(poolConfig);
    await held.connect();
    try {
      const s1 = await stream(alice);
      await s1.waitFor((e) => e.type === "connection_established");
      await held.query("BEGIN");
      // The statement notify() runs (lib/notify/persist.ts): the notification, its recipient, its delivery.
      const h = await held.query<{ id: string }>(
        `WITH n AS (
           INSERT INTO "Notification" ("type","category","priority","message","data","audience","createdAt")
           VALUES ('trading_alert','trading','high','held in its transaction','{"symbol":"SOL/USDT"}'::jsonb,'USERS',(now() AT TIME ZONE 'UTC')::timestamp(3))
           RETURNING "id"
         ), r AS (
           INSERT INTO "Recipient" ("userId","notificationId") SELECT 'u_alice', n."id" FROM n
         ), d AS (
           INSERT INTO "Delivery" ("id","notificationId","userId","channel","status","reason","createdAt","updatedAt")
           SELECT gen_random_uuid()::text, n."id", 'u_alice', 'sse', 'sent', 'live on an open stream', now(), now() FROM n
         )
         SELECT "id"::text AS id FROM n`,
      );
      const heldId = h.rows[0]!.id;

      const laterId = (await notifyAlice("committed while the other is held")).body!.id as string;
      expect(BigInt(laterId)).toBeGreaterThan(BigInt(heldId));
      await s1.waitFor((e) => e.id === laterId);
      const cursor = lastCursor(s1)!;
      const before = await openStreams(server.url);
      s1.close();
      await streamsClosed(server.url, before - 1);

      await held.query("COMMIT");
      const s2 = await stream(alice, { lastEventId: cursor });
      await s2.waitFor((e) => e.id === heldId);
      // A marker sent after: once it is there, anything else the resume would send is there too.
      const marker = (await notifyAlice("marker")).body!.id as string;
      await s2.waitFor((e) => e.id === marker);

      const wire = [...durableIds(s1), ...durableIds(s2)];
      expect(wire.filter((id) => id === heldId)).toHaveLength(1);
      expect(wire.filter((id) => id === laterId)).toHaveLength(1);
      // No stream writes an event twice; what the client shows (repeats dropped by id) has each once.
      expect(firstArrivals(durableIds(s2))).toEqual(durableIds(s2));
      const shown = firstArrivals(wire);
      expect(shown.indexOf(heldId)).toBeGreaterThan(shown.indexOf(laterId));
      expect(shown.at(-1)).toBe(marker);
    } finally {
      await held.query("ROLLBACK").catch(() => undefined);
      await held.end();
    }
  });
});

describe("limits and lifecycle", () => {
  it("refuses a stream past the per-user cap with 429 and Retry-After", async () => {
    for (let i = 0; i < 3; i++) expect((await stream(bob)).status).toBe(200);
    const refused = await fetch(`${server.url}/api/events/stream`, { headers: { cookie: bob.cookie } });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await refused.json()).error.code).toBe("rate_limited");
    // Another user is unaffected.
    expect((await stream(carol)).status).toBe(200);
  });

  it("drops a client that stops reading, and stays responsive", async () => {
    const socket = connect(server.port, "127.0.0.1");
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    socket.write(`GET /api/events/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${bob.cookie}\r\nAccept: text/event-stream\r\n\r\n`);
    await new Promise<void>((resolve) => socket.once("data", () => resolve()));
    socket.pause(); // and never read again
    const streams = async () => (await api(server.url, "GET", "/api/v1/stats")).body!.streams as number;
    expect(await streams()).toBe(1);

    const big = "x".repeat(48 * 1024);
    let dropped = false;
    for (let i = 0; i < 600 && !dropped; i++) {
      await notifyBob(`bulk ${i}`, { data: { symbol: "SOL/USDT", blob: big } });
      if (i % 20 === 19) dropped = (await streams()) === 0;
    }
    expect(dropped).toBe(true);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    socket.destroy();
  });

  it("closes the stream when its session signs out, and refuses the old cookie after", async () => {
    const dave = await signedIn(server.url, "bob@herald.test");
    const other = await stream(bob); // bob's other session stays open
    const s = await stream(dave);
    await s.waitFor((e) => e.type === "connection_established");
    const oldCookie = dave.cookie;
    await dave.signOut();
    await s.waitForEnd(5_000);
    expect(s.ended).toBe(true);
    expect(other.ended).toBe(false);
    const again = await fetch(`${server.url}/api/events/stream`, { headers: { cookie: oldCookie } });
    expect(again.status).toBe(401);
  });
});

describe("presence across a hand-over (a user's last stream closes, another of their tabs opens the next)", () => {
  const carolStats = async () => (await api(server.url, "GET", "/api/v1/stats?user=carol@herald.test")).body!;

  it("reports one user's streams and presence beside the instance's totals, and refuses an unknown user", async () => {
    const s = await stream(carol);
    await s.waitFor((e) => e.type === "connection_established");
    const stats = await carolStats();
    expect(stats).toEqual({ streams: expect.any(Number), users: expect.any(Number), user: { id: "u_carol", streams: 1, online: true } });
    const unknown = await api(server.url, "GET", "/api/v1/stats?user=nobody@herald.test");
    expect(unknown.status).toBe(404);
    expect(unknown.body!.error.issues).toEqual([{ path: "to", message: expect.stringContaining("nobody@herald.test") }]);
  });

  it("still counts the user online once their last stream closed: the event goes to the stream's replay, not offline, and the admin lists them", async () => {
    const s = await stream(carol);
    await s.waitFor((e) => e.type === "connection_established");
    s.close();
    await waitUntil(async () => (await carolStats()).user.streams === 0, "the server to see carol's stream close", 10_000, 50);
    expect((await carolStats()).user).toEqual({ id: "u_carol", streams: 0, online: true });

    const sent = await api(server.url, "POST", "/api/v1/notifications", {
      to: "carol@herald.test",
      type: "position_update",
      message: "Sent while carol's tabs hand over",
      data: { positionId: "9", pnl: 3 },
    });
    expect(sent.status).toBe(202);
    expect(sent.body!.deliveries).toEqual([expect.objectContaining({ userId: "u_carol", channel: "sse", status: "sent" })]);

    const alice = await signedIn(server.url, "alice@herald.test");
    const admin = await fetch(`${server.url}/admin`, { headers: { cookie: alice.cookie } });
    expect(admin.status).toBe(200);
    expect(await admin.text()).toMatch(/data-testid="online-users"[\s\S]*carol@herald\.test/);

    // The tab that takes over resumes after the last id it saw: the event is there.
    const next = await stream(carol, { lastEventId: String(BigInt(sent.body!.id) - 1n) });
    expect((await next.waitFor((e) => e.id === sent.body!.id)).message).toBe("Sent while carol's tabs hand over");
  });
});

