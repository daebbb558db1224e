// A soak, bounded in work (not in luck): two instances on Postgres + Redis, ~200 clients of three
// kinds of users (traders with one tab, users with ten tabs, watchers who only get broadcasts)
// doing 1,000 random disconnects and reconnects — each to either instance, with Last-Event-ID —
// while targeted notifications and broadcasts flow from several senders at once (so requests
// commit concurrently: an id taken first can commit last). Each client behaves as the browser's:
// it resumes from the `id:` of the last frame it got and drops an event id it already has. At the
// end every client has every event meant for its user exactly once, each sender's events in the
// order it sent them, and none meant for anyone else; no stream wrote an event twice. The choices
// come from a seeded PRNG (SOAK_SEED to replay one); the test waits for conditions, never for time.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mulberry32 } from "@/lib/domain/trading/random-walk";
import { api, durableIds, firstArrivals, lastCursor, report, signedIn, Stream, type Session } from "../support/client";
import { startServer, type TestServer } from "../support/server";

const enabled = !!process.env.TEST_DATABASE_URL && !!process.env.TEST_REDIS_URL;
const SEED = Number(process.env.SOAK_SEED ?? 20261202);
const RECONNECTS = 1000;
const CHURN_WORKERS = 8;
/** Senders at once, each sending one event after another (its events' order is promised). */
const SENDERS = 4;
const MIN_EVENTS = 400;
const KINDS = [
  { kind: "trader", users: 10, tabs: 1, targeted: true },
  { kind: "multi", users: 10, tabs: 10, targeted: true },
  { kind: "watcher", users: 10, tabs: 9, targeted: false },
] as const;

type User = { id: string; email: string; kind: string; targeted: boolean; session: Session };
type Client = { user: User; streams: Stream[]; reconnects: number; reconnecting: Promise<void> | null };

describe.runIf(enabled)("soak: 200 clients, 1,000 reconnects, two instances", () => {
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    const env = {
      REDIS_URL: process.env.TEST_REDIS_URL!,
      HERALD_REDIS_PREFIX: `herald-soak-${process.pid}-${Date.now()}:`,
      // Streams only: nobody is away long enough for an offline channel, nor escalated.
      HERALD_OFFLINE_GRACE_MS: "3600000",
      HERALD_ESCALATE_HIGH_MS: "0",
      HERALD_REPLAY_LIMIT: "5000",
      HERALD_MAX_STREAMS_PER_USER: "20",
    };
    a = await startServer({ backend: "postgres", env });
    b = await startServer({ databaseUrl: a.databaseUrl!, env });
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  it("every client gets exactly the events meant for it, once, in order", { timeout: 300_000 }, async () => {
    const random = mulberry32(SEED);
    const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const instances = [a, b];

    // Users of three kinds, written straight into the database with the demo users' password (and,
    // as theirs, a confirmed email address: sign-in requires one).
    const db = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await db.connect();
    const schema = new URL(a.databaseUrl!).searchParams.get("schema")!;
    const specs = KINDS.flatMap((k) => Array.from({ length: k.users }, (_, i) => ({ ...k, id: `u_soak_${k.kind}_${i}`, email: `soak-${k.kind}-${i}@herald.test` })));
    for (const s of specs) {
      await db.query(
        `INSERT INTO "${schema}"."User" (id, email, name, "passwordHash", "emailVerifiedAt") SELECT $1, $2, $3, "passwordHash", "emailVerifiedAt" FROM "${schema}"."User" WHERE id = 'u_alice'`,
        [s.id, s.email, s.id],
      );
    }
    await db.end();
    const users: User[] = [];
    for (const s of specs) users.push({ id: s.id, email: s.email, kind: s.kind, targeted: s.targeted, session: await signedIn(pick(instances).url, s.email) });
    const clients: Client[] = users.flatMap((u) => Array.from({ length: KINDS.find((k) => k.kind === u.kind)!.tabs }, () => ({ user: u, streams: [], reconnects: 0, reconnecting: null })));
    const open = async (c: Client, via: TestServer, lastEventId?: string) => {
      const s = await Stream.open(`${via.url}/api/events/stream`, { cookie: c.user.session.cookie, ...(lastEventId ? { "last-event-id": lastEventId } : {}) });
      expect(s.status).toBe(200);
      c.streams.push(s);
    };
    const received = (c: Client) => c.streams.flatMap(durableIds);
    // Where the client resumes: the last `id:` it got on any of its streams (the browser keeps it across reconnects).
    const cursorOf = (c: Client) => c.streams.map(lastCursor).filter((id) => id !== undefined).at(-1);
    for (const c of clients) await open(c, pick(instances));

    // Every client is live from here: a first broadcast everyone must get gives each its cursor.
    const first = await api(a.url, "POST", "/api/v1/broadcasts", { type: "feature_announcement", message: "soak begins", data: {} });
    const firstId = first.body!.id as string;
    for (const c of clients) await c.streams[0]!.waitFor((e) => e.id === firstId, 30_000);

    // What each user must get: every broadcast, and the targeted events naming them; by sender, in
    // the order each sent them (the first and last broadcasts are sender -1's).
    const expected = new Map<string, string[]>(users.map((u) => [u.id, [firstId]]));
    const bySender = new Map<string, Map<number, string[]>>(users.map((u) => [u.id, new Map([[-1, [firstId]]])]));
    const mustGet = (userId: string, sender: number, id: string) => {
      expected.get(userId)!.push(id);
      const mine = bySender.get(userId)!;
      mine.set(sender, [...(mine.get(sender) ?? []), id]);
    };
    const targetable = users.filter((u) => u.targeted);
    // The whole plan is drawn up front, so the same seed gives the same run whatever the timing.
    const events = Array.from({ length: 4 * MIN_EVENTS }, () => {
      const broadcast = random() < 0.25;
      const to = broadcast ? [] : [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(targetable)))];
      return { via: pick(instances), broadcast, to };
    });
    const churn = Array.from({ length: RECONNECTS }, () => ({ client: pick(clients), via: pick(instances) }));

    let churned = 0;
    let sent = 0;
    const sender = async (n: number) => {
      for (let e = events.shift(); e; e = events.shift()) {
        if (sent >= MIN_EVENTS && churned >= RECONNECTS) break;
        const res = e.broadcast
          ? await api(e.via.url, "POST", "/api/v1/broadcasts", { type: "system_maintenance", message: `soak ${sent} from ${n}`, data: { startTime: "2030-01-01T00:00:00Z" } })
          : await api(e.via.url, "POST", "/api/v1/notifications", { to: e.to.map((u) => u.id), type: "feature_announcement", message: `soak ${sent} from ${n} for ${e.to.map((u) => u.id).join(",")}`, data: {} });
        expect(res.status).toBe(202);
        const id = res.body!.id as string;
        for (const u of e.broadcast ? users : e.to) mustGet(u.id, n, id);
        sent++;
      }
    };
    const reconnect = async (client: Client, via: TestServer) => {
      const old = client.streams.at(-1)!;
      old.close();
      await old.waitForEnd();
      await open(client, via, cursorOf(client));
      client.reconnects++;
      churned++;
    };
    const churner = async () => {
      for (let step = churn.shift(); step; step = churn.shift()) {
        const { client, via } = step;
        // One reconnect at a time per client, as one browser tab does.
        while (client.reconnecting) await client.reconnecting;
        client.reconnecting = reconnect(client, via).finally(() => (client.reconnecting = null));
        await client.reconnecting;
      }
    };
    await Promise.all([...Array.from({ length: SENDERS }, (_, n) => sender(n)), ...Array.from({ length: CHURN_WORKERS }, churner)]);

    const last = await api(b.url, "POST", "/api/v1/broadcasts", { type: "feature_announcement", message: "soak ends", data: {} });
    const lastId = last.body!.id as string;
    for (const u of users) mustGet(u.id, -1, lastId);
    for (const c of clients) await c.streams.at(-1)!.waitFor((e) => e.id === lastId, 60_000);

    let delivered = 0;
    let expectedTotal = 0;
    let duplicates = 0;
    let resent = 0;
    let losses = 0;
    let leaks = 0;
    let outOfOrder = 0;
    const failures: string[] = [];
    for (const c of clients) {
      // What the client shows: each id at its first arrival (a repeat after a reconnect is dropped).
      const got = firstArrivals(received(c));
      const want = expected.get(c.user.id)!;
      const wanted = new Set(want);
      const gotSet = new Set(got);
      expectedTotal += want.length;
      delivered += got.length;
      // A stream never writes an event twice; across a reconnect a few may come again (the resume
      // re-reads HERALD_PUBLISH_LAG_MS of recent history), and the client drops them.
      const dup = c.streams.reduce((n, s) => n + durableIds(s).length - new Set(durableIds(s)).size, 0);
      resent += received(c).length - got.length - dup;
      const lost = want.filter((id) => !gotSet.has(id)).length;
      const leaked = got.filter((id) => !wanted.has(id)).length;
      // Each sender's events in the order it sent them (concurrent senders' events may interleave either way).
      const unordered = [...bySender.get(c.user.id)!.values()].some((ids) => {
        const mine = new Set(ids);
        return got.filter((id) => mine.has(id)).some((id, i) => id !== ids[i]);
      });
      duplicates += dup;
      losses += lost;
      leaks += leaked;
      if (unordered) outOfOrder++;
      if (dup || lost || leaked || unordered) failures.push(`${c.user.id}: dup=${dup} lost=${lost} leaked=${leaked} unordered=${unordered}`);
      // The first failing client's streams, one line each, to see where it went wrong.
      if (failures.length === 1 && (dup || lost || leaked || unordered)) {
        for (const s of c.streams) console.log(`[soak] ${c.user.id} stream: ${durableIds(s).join(" ")}`);
      }
    }
    report("soak", {
      seed: SEED,
      clients: clients.length,
      users: users.length,
      reconnects: churned,
      senders: SENDERS,
      events_sent: sent + 2,
      expected_deliveries: expectedTotal,
      delivered,
      duplicates,
      resent_dropped_by_client: resent,
      losses,
      leaks,
      out_of_order_clients: outOfOrder,
    });
    expect(failures, `SOAK_SEED=${SEED}`).toEqual([]);
    expect(churned).toBe(RECONNECTS);
    for (const c of clients) c.streams.at(-1)!.close();
  });
});
