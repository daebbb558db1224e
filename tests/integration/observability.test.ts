// Operating Herald: Prometheus metrics that move with real traffic, JSON logs with request ids and
// nothing secret or personal in them, and an OpenAPI document whose request schemas accept and
// reject exactly what the handlers do (the drift test). One production server, real SDKs against
// fake providers on 127.0.0.1.
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import parsePrometheusTextFormat, { type PrometheusFamily } from "parse-prometheus-text-format";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, signedIn, type Stream } from "../support/client";
import { badRequest, FakeProviders } from "../support/fake-providers";
import { API_KEY, startServer, type TestServer } from "../support/server";

const METRICS_TOKEN = "metrics-token-0123456789";
const TWILIO_TOKEN = "twilio-secret-token-4242";
const NEXTAUTH_SECRET = "observability-secret-0123456789-abcdef";
const PHONES = ["+15550000001", "+15550000002", "+15550000003"];

let fake: FakeProviders;
let server: TestServer;

beforeAll(async () => {
  fake = await FakeProviders.start();
  server = await startServer({
    env: {
      ...fake.env({ twilioAuthToken: TWILIO_TOKEN }),
      NEXTAUTH_SECRET,
      HERALD_METRICS_TOKEN: METRICS_TOKEN,
      // Nothing but the test's own traffic: no price ticks (and so no alerts), no escalations.
      HERALD_PRICE_TICK_MS: "3600000",
      HERALD_ESCALATE_HIGH_MS: "0",
      HERALD_REPLAY_LIMIT: "2",
    },
  });
});

afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

type Scrape = { families: PrometheusFamily[]; text: string };

async function scrape(): Promise<Scrape> {
  const res = await fetch(`${server.url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(res.status).toBe(200);
  const text = await res.text();
  return { families: parsePrometheusTextFormat(text), text };
}

/** A counter's or gauge's value (summed over the series matching `labels`), or an unlabelled histogram's count. */
function valueOf({ families }: Scrape, name: string, labels: Record<string, string> = {}): number {
  const family = families.find((f) => f.name === name);
  if (!family) throw new Error(`no metric ${name}`);
  return family.metrics
    .filter((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))
    .reduce((sum, m) => sum + Number(m.value ?? m.count ?? 0), 0);
}

/**
 * A labelled histogram's count. (parse-prometheus-text-format folds a histogram's labelled series
 * into one, so this reads its `_count` sample line as the exposition format writes it.)
 */
function countOf({ text }: Scrape, name: string, labels: Record<string, string>): number {
  const series = Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(",");
  const line = text.split("\n").find((l) => l.startsWith(`${name}_count{${series}} `));
  return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : 0;
}

/** Every JSON line the server wrote so far (Next's own banner lines are not JSON). */
function logLines(): Record<string, unknown>[] {
  return server
    .logs()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe("GET /api/metrics", () => {
  it("is refused without the metrics token, in the one error shape", async () => {
    for (const authorization of [undefined, `Bearer ${API_KEY}`, "Bearer wrong-token-0123456789"]) {
      const res = await fetch(`${server.url}/api/metrics`, { headers: authorization ? { authorization } : {} });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { code: "unauthorized", message: expect.stringContaining("metrics token") } });
    }
    const ok = await fetch(`${server.url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const families = parsePrometheusTextFormat(await ok.text());
    // Node's own process metrics come with Herald's.
    for (const name of ["process_cpu_user_seconds_total", "nodejs_heap_size_used_bytes", "nodejs_eventloop_lag_seconds"]) {
      expect(families.map((f) => f.name)).toContain(name);
    }
  });

  it("after some traffic, moved the stream, event, delivery and request counters by the expected amounts", async () => {
    const before = await scrape();
    const alice = await signedIn(server.url, "alice@herald.test");
    const carol = await signedIn(server.url, "carol@herald.test");
    const streams: Stream[] = [await alice.stream(), await carol.stream(), await carol.stream()];
    for (const s of streams) await s.waitFor((e) => e.type === "connection_established");

    // One broadcast (3 streams) and two notifications to carol (2 streams each): 7 frames, 3 events.
    const sent = await api(server.url, "POST", "/api/v1/broadcasts", { type: "feature_announcement", message: "New pairs" });
    expect(sent.status).toBe(202);
    for (const n of [1, 2]) {
      const res = await api(server.url, "POST", "/api/v1/notifications", {
        to: "carol@herald.test",
        type: "badge_earned",
        message: `Badge ${n}`,
        data: { badgeId: `b${n}`, name: `B${n}` },
      });
      expect(res.status).toBe(202);
    }
    for (const s of streams) await s.waitFor((e) => e.type === "feature_announcement");
    for (const s of streams.slice(1)) await s.until(() => s.envelopes.filter((e) => e.type === "badge_earned").length === 2 || undefined);
    expect((await api(server.url, "POST", "/api/v1/notifications", { to: "u_carol", type: "nope", message: "x" })).status).toBe(400);

    streams[0]!.close();
    await expect.poll(async () => valueOf(await scrape(), "herald_streams_open")).toBe(valueOf(before, "herald_streams_open") + 2);
    const after = await scrape();
    const delta = (name: string, labels?: Record<string, string>) => valueOf(after, name, labels) - valueOf(before, name, labels);

    expect(delta("herald_streams_opened_total")).toBe(3);
    expect(delta("herald_streams_closed_total")).toBe(1);
    expect(delta("herald_users_connected")).toBe(1); // carol still has two streams; alice none
    expect(delta("herald_events_published_total", { type: "feature_announcement", category: "system" })).toBe(1);
    expect(delta("herald_events_published_total", { type: "badge_earned", category: "nft" })).toBe(2);
    expect(delta("herald_frames_delivered_total")).toBe(7);
    expect(delta("herald_fanout_latency_seconds")).toBe(3); // one observation per event, not per stream
    expect(delta("herald_api_requests_total", { route: "POST /api/v1/broadcasts", status: "202" })).toBe(1);
    expect(delta("herald_api_requests_total", { route: "POST /api/v1/notifications", status: "202" })).toBe(2);
    expect(delta("herald_api_requests_total", { route: "POST /api/v1/notifications", status: "400" })).toBe(1);
    expect(countOf(after, "herald_api_request_duration_seconds", { route: "POST /api/v1/notifications" }) - countOf(before, "herald_api_request_duration_seconds", { route: "POST /api/v1/notifications" })).toBe(3);
    expect(valueOf(after, "herald_bus_connected", { kind: "memory" })).toBe(1);
    expect(after.families.find((f) => f.name === "herald_outbox_deliveries")?.metrics).toHaveLength(9); // 3 channels × 3 statuses
    // Labels stay bounded: route templates and types, never a user id.
    expect(after.text).not.toMatch(/u_carol|u_alice|carol@/);
    for (const s of streams) s.close();
  });

  it("counts replayed events and resyncs", async () => {
    const before = await scrape();
    const carol = await signedIn(server.url, "carol@herald.test");
    const cursor = await api(server.url, "POST", "/api/v1/broadcasts", { type: "feature_announcement", message: "cursor" });
    for (const n of [1, 2]) {
      const res = await api(server.url, "POST", "/api/v1/notifications", { to: "u_carol", type: "badge_earned", message: `Missed ${n}`, data: { badgeId: `m${n}`, name: "M" } });
      expect(res.status).toBe(202);
    }
    // Back from the cursor: the two missed badges are replayed (HERALD_REPLAY_LIMIT is 2).
    const resumed = await carol.stream({ lastEventId: cursor.body!.id });
    await resumed.until(() => resumed.envelopes.filter((e) => e.type === "badge_earned").length === 2 || undefined);
    // From the very start: more than two missed, so two are replayed and then a resync.
    const fromStart = await carol.stream({ lastEventId: "0" });
    await fromStart.waitFor((e) => e.type === "resync");
    for (const s of [resumed, fromStart]) s.close();
    const after = await scrape();
    expect(valueOf(after, "herald_replayed_events_total") - valueOf(before, "herald_replayed_events_total")).toBe(4);
    expect(valueOf(after, "herald_resyncs_total") - valueOf(before, "herald_resyncs_total")).toBe(1);
  });

  it("counts provider attempts by channel and outcome", async () => {
    const before = await scrape();
    fake.script("twilio", badRequest("twilio"));
    // bob has no stream: after the grace window the high-priority alert goes out by SMS, and fails.
    const res = await api(server.url, "POST", "/api/v1/notifications", {
      to: "bob@herald.test",
      type: "trading_alert",
      message: "SOL/USDT profit",
      data: { symbol: "SOL/USDT", profit: 150.5 },
    });
    expect(res.status).toBe(202);
    await expect
      .poll(async () => valueOf(await scrape(), "herald_provider_attempts_total", { channel: "sms", outcome: "failed" }), { timeout: 20_000 })
      .toBe(valueOf(before, "herald_provider_attempts_total", { channel: "sms", outcome: "failed" }) + 1);
    const after = await scrape();
    expect(countOf(after, "herald_provider_request_duration_seconds", { channel: "sms", outcome: "failed" })).toBe(1);
    // And its log line names the channel and outcome, with the phone number masked.
    const line = logLines().find((l) => typeof l.msg === "string" && l.msg.startsWith("provider attempt failed"));
    expect(line).toMatchObject({ level: "warn", channel: "sms", outcome: "failed", httpStatus: 400 });
    expect(String(line!.destination)).toMatch(/^\+\*+0002$/);
  });
});

describe("structured logs", () => {
  it("start with one JSON line that says what runs", () => {
    const ready = logLines().find((l) => typeof l.msg === "string" && l.msg.startsWith("ready"));
    expect(ready).toMatchObject({ level: "info", bus: "in-process", channels: "sms=live push=live email=live" });
    expect(String(ready!.node)).toMatch(/^v\d+\./);
    expect(typeof ready!.time).toBe("string");
  });

  it("log a refused request with its request id, echoed to the caller, with the email masked", async () => {
    const res = await api(
      server.url,
      "POST",
      "/api/v1/notifications",
      { to: "nobody@example.com", type: "badge_earned", message: "x", data: { badgeId: "b", name: "B" } },
      { "x-request-id": "obs-refused-1" },
    );
    expect(res.status).toBe(404); // an unknown recipient
    expect(res.headers.get("x-request-id")).toBe("obs-refused-1");
    await expect.poll(() => logLines().find((l) => l.reqId === "obs-refused-1")).toMatchObject({
      route: "POST /api/v1/notifications",
      status: 404,
      code: "not_found",
    });
    const line = logLines().find((l) => l.reqId === "obs-refused-1")!;
    expect(String(line.msg)).toContain("n***@example.com");
    expect(JSON.stringify(line)).not.toContain("nobody@example.com");
  });

  it("give a request without a usable X-Request-Id one of its own", async () => {
    const res = await api(server.url, "GET", "/api/v1/stats", undefined, { "x-request-id": "x".repeat(129) });
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  // A server fault needs a database to break: the test schema of TEST_DATABASE_URL.
  it.runIf(!!process.env.TEST_DATABASE_URL)("log a server fault as an error line with the request id (needs TEST_DATABASE_URL: it breaks a table)", async () => {
    const url = new URL(server.databaseUrl!);
    const schema = url.searchParams.get("schema")!;
    const db = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await db.connect();
    await db.query(`ALTER TABLE "${schema}"."Recipient" RENAME TO "Recipient_away"`);
    try {
      const res = await api(
        server.url,
        "POST",
        "/api/v1/notifications",
        { to: "bob@herald.test", type: "badge_earned", message: "x", data: { badgeId: "b", name: "B" } },
        { "x-request-id": "obs-fault-1" },
      );
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ error: { code: "internal", message: "Internal server error" } });
      expect(res.headers.get("x-request-id")).toBe("obs-fault-1");
    } finally {
      await db.query(`ALTER TABLE "${schema}"."Recipient_away" RENAME TO "Recipient"`);
      await db.end();
    }
    await expect.poll(() => logLines().find((l) => l.reqId === "obs-fault-1" && l.level === "error")).toBeDefined();
    const line = logLines().find((l) => l.reqId === "obs-fault-1" && l.level === "error")!;
    expect(line.msg).toBe("unhandled error");
    expect(JSON.stringify(line.err)).toContain("Recipient");
  });

  it("never contain a secret, a phone number or a raw email", () => {
    const all = logLines().map((l) => JSON.stringify(l)).join("\n");
    expect(all.length).toBeGreaterThan(0);
    for (const secret of [API_KEY, METRICS_TOKEN, TWILIO_TOKEN, NEXTAUTH_SECRET, ...PHONES]) expect(all).not.toContain(secret);
    expect(all).not.toMatch(/\b[a-z]+@herald\.test\b/);
  });
});

describe("the OpenAPI document", () => {
  type Doc = { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: object; examples?: Record<string, { value: unknown }> }> } }>> };

  let doc: Doc;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);

  beforeAll(async () => {
    const res = await fetch(`${server.url}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const validator = new Validator();
    const result = await validator.validate((await res.json()) as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    doc = validator.resolveRefs() as unknown as Doc;
  });

  const long = "x".repeat(1001);
  const notification = { to: "u_carol", type: "badge_earned", message: "m", data: { badgeId: "b", name: "B" } };
  const broadcastBody = { type: "feature_announcement", message: "m", data: { pairs: ["BONK/USDT"] } };
  // Valid and invalid in every way the handlers check; the examples in the document join them.
  const samples: Record<string, Record<string, unknown>[]> = {
    "/api/v1/notifications": [
      notification,
      { ...notification, to: ["u_carol", "bob@herald.test"], priority: "high" },
      { ...notification, data: { ...notification.data, rarity: "epic" } },
      { to: "u_carol", type: "nft_upgrade_completed", message: "m" },
      { to: "u_carol", type: "transaction_alert", message: "m", data: { transactionId: 7, amount: 5, currency: "USDT" } },
      { ...notification, type: "nope" },
      { ...notification, type: "connection_established" },
      { ...notification, type: "system_stats" },
      { ...notification, data: { badgeId: "b" } },
      { to: "u_carol", type: "price_alert", message: "m" },
      { to: "u_carol", type: "price_alert", message: "m", data: { symbol: "SOL", price: "high" } },
      { to: "u_carol", type: "system_maintenance", message: "m", data: { startTime: "tomorrow" } },
      { ...notification, message: "" },
      { ...notification, message: "   " },
      { ...notification, message: long },
      { ...notification, to: [] },
      { ...notification, to: 42 },
      { type: "badge_earned", message: "m", data: notification.data },
      { ...notification, priority: "urgent" },
      { ...notification, mesage: "typo" },
      { ...notification, data: null },
    ],
    "/api/v1/broadcasts": [
      broadcastBody,
      { type: "system_maintenance", message: "m", data: { startTime: "2026-01-15T02:00:00Z", endTime: "2026-01-15T03:00:00Z" } },
      { type: "feature_announcement", message: "m", priority: "low" },
      { ...broadcastBody, to: "u_carol" },
      { ...broadcastBody, type: "resync" },
      { type: "system_maintenance", message: "m" },
      { ...broadcastBody, message: " " },
      { ...broadcastBody, data: { pairs: "BONK/USDT" } },
    ],
  };

  it.each(Object.keys(samples))("POST %s: the document's schema accepts and rejects exactly what the handler does", async (path) => {
    const content = doc.paths[path]!.post!.requestBody!.content["application/json"]!;
    const validate = ajv.compile(content.schema);
    const bodies = [...samples[path]!, ...Object.values(content.examples ?? {}).map((e) => e.value as Record<string, unknown>)];
    expect(Object.keys(content.examples ?? {}).length).toBeGreaterThan(0);
    const verdicts = [];
    for (const body of bodies) {
      const res = await api(server.url, "POST", path, body);
      expect([202, 400], JSON.stringify(res.body)).toContain(res.status);
      verdicts.push({ body, handler: res.status === 202, document: validate(body) });
    }
    expect(verdicts.filter((v) => v.handler !== v.document)).toEqual([]);
    // Both kinds were tried.
    expect(new Set(verdicts.map((v) => v.handler))).toEqual(new Set([true, false]));
  });
});
