// Two instances behind one load balancer: one Postgres, one Redis. Events, presence and sign-out
// cross instances. Needs both servers, so it runs when TEST_DATABASE_URL and TEST_REDIS_URL are set.
import { Redis } from "ioredis";
import parsePrometheusTextFormat, { type PrometheusFamily } from "parse-prometheus-text-format";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, awayOn, Session, signedIn, Stream, waitUntil } from "../support/client";
import { actionId, callAction } from "../support/server-actions";
import { API_KEY, startServer, type TestServer } from "../support/server";

const enabled = !!process.env.TEST_DATABASE_URL && !!process.env.TEST_REDIS_URL;

describe.runIf(enabled)("two instances sharing Postgres and Redis", () => {
  let a: TestServer;
  let b: TestServer;
  // A prefix of their own keeps these instances apart from any other test run on the same Redis.
  const prefix = `herald-test-${process.pid}-${Date.now()}:`;

  beforeAll(async () => {
    const redis = {
      REDIS_URL: process.env.TEST_REDIS_URL!,
      HERALD_REDIS_PREFIX: prefix,
      // No price ticks (so no price alerts): each instance's metrics count only the tests' own events.
      HERALD_PRICE_TICK_MS: "3600000",
      // Sign-in limits: clients name their address (X-Forwarded-For, as a proxy would), and a lock lasts 2 s.
      HERALD_TRUSTED_PROXIES: "1",
      HERALD_SIGNIN_LOCK_MS: "2000",
    };
    a = await startServer({ backend: "postgres", env: redis });
    b = await startServer({ databaseUrl: a.databaseUrl!, env: redis });
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  it("delivers an event triggered on one instance to a stream on the other", async () => {
    // Which bus channel carried each event: a targeted one goes on its user's shard channel.
    const watcher = new Redis(process.env.TEST_REDIS_URL!);
    const channelOf = new Map<string, string>();
    watcher.on("pmessage", (_pattern: string, channel: string, text: string) => {
      const message = JSON.parse(text) as { envelope?: { id: string } };
      if (message.envelope) channelOf.set(message.envelope.id, channel);
    });
    await watcher.psubscribe(`${prefix}bus*`);
    const bob = await signedIn(b.url, "bob@herald.test");
    const s = await bob.stream();
    await s.waitFor((e) => e.type === "connection_established");
    const sent = await api(a.url, "POST", "/api/v1/notifications", {
      to: "bob@herald.test",
      type: "price_alert",
      message: "across instances",
      data: { symbol: "SOL", price: 180 },
    });
    expect(sent.body!.deliveries).toContainEqual(expect.objectContaining({ channel: "sse", status: "sent" }));
    expect((await s.waitFor((e) => e.id === sent.body!.id)).message).toBe("across instances");

    const broadcast = await api(a.url, "POST", "/api/v1/broadcasts", {
      type: "system_maintenance",
      message: "maintenance",
      data: { startTime: "2030-01-01T00:00:00Z" },
    });
    await s.waitFor((e) => e.id === broadcast.body!.id);
    s.close();
    await waitUntil(() => channelOf.has(broadcast.body!.id), "the broadcast on the watcher");
    watcher.disconnect();
    expect(channelOf.get(sent.body!.id)).toMatch(new RegExp(`^${prefix}bus:\\d+$`));
    expect(channelOf.get(broadcast.body!.id)).toBe(`${prefix}bus`);

    // Each instance's metrics tell its own side: A published both events, B wrote them to bob's
    // stream (fan-out latency timed across the bus), and both see Redis connected.
    const metrics = async (server: TestServer) => {
      const res = await fetch(`${server.url}/api/metrics`, { headers: { authorization: `Bearer ${API_KEY}` } });
      return parsePrometheusTextFormat(await res.text());
    };
    const value = (families: PrometheusFamily[], name: string) =>
      families.find((f) => f.name === name)!.metrics.reduce((n, m) => n + Number(m.value ?? m.count ?? 0), 0);
    // A's own broadcast came back to it after bob's event went out (one publisher: Redis keeps the
    // order), and B lets go of bob's shard once it has seen his stream close.
    await waitUntil(async () => value(await metrics(a), "herald_bus_messages_received_total") >= 1, "A to receive its broadcast");
    await waitUntil(async () => value(await metrics(b), "herald_bus_shards_watched") === 0, "B to let go of bob's shard");
    const [ma, mb] = await Promise.all([metrics(a), metrics(b)]);
    expect(value(ma, "herald_events_published_total")).toBe(2);
    expect(value(mb, "herald_events_published_total")).toBe(0);
    expect(value(mb, "herald_frames_delivered_total")).toBe(2);
    expect(value(mb, "herald_fanout_latency_seconds")).toBe(2);
    for (const m of [ma, mb]) expect(m.find((f) => f.name === "herald_bus_connected")!.metrics).toEqual([{ value: "1", labels: { kind: "redis" } }]);
    // A holds no stream of bob's: his event's shard channel never reached it, only the broadcast.
    expect(value(ma, "herald_bus_messages_received_total")).toBe(1);
    expect(value(mb, "herald_bus_messages_received_total")).toBe(2);
  });

  it("treats a user with a stream on the other instance as online: no SMS", async () => {
    const carol = await signedIn(b.url, "carol@herald.test");
    const s = await carol.stream();
    await s.waitFor((e) => e.type === "connection_established");
    const sent = await api(a.url, "POST", "/api/v1/notifications", {
      to: "carol@herald.test",
      type: "security_alert",
      message: "new device",
      data: { kind: "new_device" },
    });
    await s.waitFor((e) => e.id === sent.body!.id);
    s.close();
    // She was online when it was sent: the plan holds no offline delivery at all (an outbox has
    // nothing to look at), only the unseen-escalation that waits its 60 s.
    const ledger = await api(a.url, "GET", `/api/v1/notifications/${sent.body!.id}`);
    expect(ledger.body!.deliveries).toContainEqual(expect.objectContaining({ channel: "sse", status: "sent" }));
    // Only the unseen-escalation (60 s) may still wait; nothing went to a provider.
    for (const d of ledger.body!.deliveries.filter((d: { channel: string }) => d.channel !== "sse")) {
      expect(d).toMatchObject({ status: "pending", trigger: "unseen" });
    }
  });

  it("sends an away user's notification offline exactly once though both instances run the outbox", async () => {
    await awayOn(b.url, "carol@herald.test"); // her stream on A closed in the test before
    const sent = await api(b.url, "POST", "/api/v1/notifications", {
      to: "carol@herald.test",
      type: "price_alert",
      message: "carol is away",
      data: { symbol: "ETH", price: 5000 },
    });
    const smsOf = async () => {
      const l = await api(a.url, "GET", `/api/v1/notifications/${sent.body!.id}`);
      return { ledger: l, sms: l.body!.deliveries.filter((d: { channel: string }) => d.channel === "sms") };
    };
    // Sent (captured) by one worker: a settled row is never claimed again.
    await waitUntil(async () => (await smsOf()).sms[0]?.status === "captured", "the SMS to be sent", 20_000);
    const { ledger, sms } = await smsOf();
    expect(sms).toEqual([expect.objectContaining({ status: "captured", attempts: 1 })]);
    // Every attempt is on the timeline: exactly one, by one of the two workers.
    const attempts = ledger.body!.timeline.filter((t: { kind: string }) => t.kind === "attempt");
    expect(attempts.filter((t: { outcome: string }) => t.outcome === "captured")).toHaveLength(1);
  });

  it("closes a session's stream on the other instance when it signs out", async () => {
    const bob = await signedIn(a.url, "bob@herald.test");
    const onB = await Stream.open(`${b.url}/api/events/stream`, { cookie: bob.cookie }); // same session, other instance
    expect(onB.status).toBe(200);
    await onB.waitFor((e) => e.type === "connection_established");
    await bob.signOut(); // through instance A
    await onB.waitForEnd(5000);
    expect(onB.ended).toBe(true);
  });

  it("refuses a page on one instance once the session signed out on the other", async () => {
    const bob = await signedIn(a.url, "bob@herald.test");
    const onB = new Session(b.url);
    for (const [k, v] of bob.jar) onB.jar.set(k, v);
    expect((await onB.fetch("/dashboard")).status).toBe(200); // B now caches the session as active
    const s = await onB.stream();
    await s.waitFor((e) => e.type === "connection_established");
    await bob.signOut(); // through A: B hears it on the bus (its stream for the session ends on the same message)
    await s.waitForEnd(5_000);
    expect((await onB.fetch("/dashboard")).status).toBe(307);
  });

  it("closes the other sessions' streams on the other instance when one signs out everywhere", async () => {
    const here = await signedIn(a.url, "bob@herald.test");
    const elsewhere = await signedIn(b.url, "bob@herald.test");
    const s = await elsewhere.stream();
    await s.waitFor((e) => e.type === "connection_established");
    const ended = await callAction(a.url, here.cookie, "/settings", actionId("app/(app)/settings/actions.ts", "endAllSessionsAction"), []);
    expect(ended.result).toMatchObject({ ok: true });
    await s.waitForEnd(5_000);
    expect((await elsewhere.fetch("/dashboard")).status).toBe(307);
  });

  it("holds the sign-in limit across instances: 20 wrong passwords on either, then the account waits", async () => {
    const attacker = { a: new Session(a.url, { address: "192.0.2.50", device: null }), b: new Session(b.url, { address: "192.0.2.50", device: null }) };
    expect((await new Session(a.url, { address: "192.0.2.51" }).attemptSignIn("carol@herald.test")).ok).toBe(true); // a clean count
    for (let i = 0; i < 20; i++) {
      const on = i % 2 === 0 ? attacker.a : attacker.b;
      expect((await on.attemptSignIn("carol@herald.test", `wrong-${i}`)).error).toBe("CredentialsSignin");
    }
    expect((await attacker.b.attemptSignIn("carol@herald.test")).error).toMatch(/^rate_limited:/);
    expect((await attacker.a.attemptSignIn("carol@herald.test")).error).toMatch(/^rate_limited:/);
    const carol = new Session(a.url, { address: "192.0.2.52" });
    await expect.poll(async () => (await carol.attemptSignIn("carol@herald.test")).ok, { timeout: 15_000, interval: 250 }).toBe(true);
  });
});
