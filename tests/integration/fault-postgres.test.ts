// Postgres unreachable for ~10 s, through a TCP proxy of the test's own between Herald and the
// shared Postgres (cut: every connection dropped, new ones refused; Postgres itself is untouched).
// The trigger API answers 503 + Retry-After in the one error shape, /api/health says the database
// is down with a 503, open streams stay open, the outbox and the NFT ticker pause and resume, and
// afterwards nothing is lost or repeated: a retried request with the same Idempotency-Key is
// delivered once, each SMS planned before the cut goes out once, the NFT upgrade completes once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, durableIds, report, signedIn, sleep, waitUntil, type Stream } from "../support/client";
import { FakeProviders } from "../support/fake-providers";
import { actionId, callAction } from "../support/server-actions";
import { createSchema, startServer, wantPostgres, type TestServer } from "../support/server";
import { TcpProxy } from "../support/tcp-proxy";

const OUTAGE_MS = 10_000;

describe.runIf(wantPostgres())("Postgres unreachable for ~10 s", () => {
  let fake: FakeProviders;
  let proxy: TcpProxy;
  let schema: Awaited<ReturnType<typeof createSchema>>;
  let server: TestServer;

  beforeAll(async () => {
    fake = await FakeProviders.start();
    const base = new URL(process.env.TEST_DATABASE_URL!);
    proxy = await TcpProxy.start({ host: base.hostname, port: Number(base.port || 5432) });
    schema = await createSchema();
    server = await startServer({
      databaseUrl: proxy.route(schema.url),
      env: {
        ...fake.env(),
        // SMS planned before the cut fall due during it.
        HERALD_OFFLINE_GRACE_MS: "3000",
        HERALD_HEARTBEAT_MS: "500",
        // An upgrade takes ~10 steps of 1 s: it runs across the outage.
        HERALD_NFT_STEP_MS: "1000",
        HERALD_OUTBOX_LEASE_MS: "5000",
      },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await proxy?.close();
    await schema?.drop();
    await fake?.close();
  });

  it("answers 503 + Retry-After, keeps streams open, pauses the workers, and loses or repeats nothing", async () => {
    const alice = await signedIn(server.url, "alice@herald.test");
    const stream: Stream = await alice.stream();
    await stream.waitFor((e) => e.type === "connection_established");
    const upgrade = await callAction(server.url, alice.cookie, "/nft", actionId("app/(app)/nft/actions.ts", "upgradeNftAction"), [{ nftId: "nft_alice_1" }]);
    expect(upgrade.result.ok).toBe(true);
    const jobId = upgrade.result.data.id as string;
    // Carol is away: three high-priority events, each planned as one SMS after the grace window.
    const away: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await api(server.url, "POST", "/api/v1/notifications", { to: "carol@herald.test", type: "price_alert", message: `away ${i}`, data: { symbol: "SOL", price: 100 + i } });
      expect(res.status).toBe(202);
      away.push(res.body!.id);
    }

    proxy.cut();
    const cutAt = Date.now();
    const key = { "idempotency-key": `pg-outage-${process.pid}-${cutAt}` };
    const body = { to: "alice@herald.test", type: "price_alert", message: "sent during the outage", data: { symbol: "ETH", price: 4000 } };
    const heartbeatsAtCut = stream.comments.length;
    let refusals = 0;
    while (Date.now() - cutAt < OUTAGE_MS) {
      const res = await api(server.url, "POST", "/api/v1/notifications", body, key);
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      expect(res.body).toEqual({ error: { code: "unavailable", message: expect.stringContaining("database is unreachable") } });
      const health = await fetch(`${server.url}/api/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: "unavailable", database: "down" });
      if (refusals === 0) {
        // A server action meets the outage with the API's answer, not `internal`.
        const read = await callAction(server.url, alice.cookie, "/notifications", actionId("app/(app)/notifications/actions.ts", "markAllReadAction"), []);
        expect(read.result).toEqual({ ok: false, error: { code: "unavailable", message: expect.stringContaining("database is unreachable") } });
      }
      refusals++;
      await sleep(1000);
    }
    expect(stream.ended).toBe(false);
    const heartbeatsDuring = stream.comments.length - heartbeatsAtCut;
    expect(heartbeatsDuring).toBeGreaterThan(0);
    // Nothing was sent while the database was away: the SMS due meanwhile waited.
    const smsDuringOutage = fake.of("twilio").length;
    expect(smsDuringOutage).toBe(0);
    proxy.restore();

    // The same request again, as a client honouring Retry-After does: accepted once.
    let accepted: Awaited<ReturnType<typeof api>> | null = null;
    await waitUntil(async () => {
      accepted = await api(server.url, "POST", "/api/v1/notifications", body, key);
      return accepted.status === 202;
    }, "the trigger API to accept again", 30_000, 500);
    const id = accepted!.body!.id as string;
    const retried = await api(server.url, "POST", "/api/v1/notifications", body, key);
    expect(retried).toMatchObject({ status: 202, body: { id, replayed: true } });
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", database: "up" });

    // The upgrade resumes and completes once; each SMS goes out once.
    await stream.waitFor((e) => e.type === "nft_upgrade_completed" && e.data.upgradeId === jobId, 60_000);
    const sms = (i: number) => fake.of("twilio").filter((r) => r.form.Body?.includes(`away ${i}`));
    await waitUntil(() => away.every((_, i) => sms(i).length >= 1), "the SMS planned before the outage", 30_000);
    // A marker sent last: everything before it has reached the stream by the time it does.
    const marker = await api(server.url, "POST", "/api/v1/notifications", { ...body, message: "marker" });
    await stream.waitFor((e) => e.id === marker.body!.id);
    await waitUntil(async () => {
      const ledgers = await Promise.all(away.map((n) => api(server.url, "GET", `/api/v1/notifications/${n}`)));
      return ledgers.every((l) => l.body!.deliveries.some((d: { channel: string; status: string }) => d.channel === "sms" && d.status === "sent"));
    }, "each SMS to be recorded as sent");

    const ids = durableIds(stream);
    const completions = stream.envelopes.filter((e) => e.type === "nft_upgrade_completed" && e.data.upgradeId === jobId).length;
    const smsSent = away.map((_, i) => sms(i).length);
    const delivered = ids.filter((x) => x === id).length;
    report("postgres outage", {
      outage_ms: OUTAGE_MS,
      refused_with_503: refusals,
      heartbeats_during: heartbeatsDuring,
      sent: 1 + away.length + 1,
      delivered: delivered + smsSent.filter((n) => n > 0).length + Math.min(completions, 1),
      duplicates: ids.length - new Set(ids).size + smsSent.reduce((n, k) => n + Math.max(0, k - 1), 0) + Math.max(0, completions - 1),
      losses: (delivered ? 0 : 1) + smsSent.filter((n) => n === 0).length + (completions ? 0 : 1),
    });
    expect(ids.filter((x) => x === id)).toHaveLength(1);
    expect(completions).toBe(1);
    expect(smsSent).toEqual([1, 1, 1]);
    expect(new Set(ids).size).toBe(ids.length);
    // The workers said they paused and resumed, once each, instead of failing every beat.
    const logs = server.logs();
    expect(logs).toContain("outbox paused: the database is unreachable");
    expect(logs).toContain("outbox resumed");
    expect(logs.match(/outbox paused/g)?.length).toBe(1);
    expect(logs).toContain("NFT simulator paused");
    expect(logs).toContain("price feed paused");
    expect(logs).not.toMatch(/Internal server error|unhandled error/);
    stream.close();
  });
});
