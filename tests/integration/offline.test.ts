// Offline delivery through the built app, with the real Twilio, firebase-admin and SendGrid SDKs
// talking to fake provider servers on 127.0.0.1 (TWILIO_API_BASE_URL, FCM_ENDPOINT_HOST/PORT,
// SENDGRID_API_BASE_URL). Users are "away" simply by having no stream open.
import { createSign, generateKeyPairSync } from "node:crypto";
import twilio from "twilio";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { api, awayOn, signedIn, sleep, streamsClosed, type Session, type Stream } from "../support/client";
import { badRequest, FakeProviders, serverError, tooManyRequests, unregisteredToken } from "../support/fake-providers";
import { startServer, type TestServer } from "../support/server";

const PUBLIC_URL = "https://herald.example";
const TWILIO_TOKEN = "test-twilio-auth-token";
const GRACE_MS = 1500;
const ESCALATE_MS = 1500;
const sendgridKeys = generateKeyPairSync("ec", { namedCurve: "prime256v1" });

let fake: FakeProviders;
let server: TestServer;
let carol: Session;
const open: Stream[] = [];

type Ledger = {
  id: string;
  deliveries: { id: string; channel: string; trigger: string; status: string; attempts: number; destination: string | null; providerMessageId: string | null; lastError: string | null }[];
  timeline: { at: string; kind: string; channel: string; outcome: string; attempt: number | null; httpStatus: number | null; detail: string | null }[];
};

beforeAll(async () => {
  fake = await FakeProviders.start();
  server = await startServer({
    env: {
      ...fake.env({ twilioAuthToken: TWILIO_TOKEN }),
      HERALD_PUBLIC_URL: PUBLIC_URL,
      HERALD_OUTBOX_MAX_ATTEMPTS: "3",
      HERALD_OUTBOX_BACKOFF_MS: "50",
      HERALD_ESCALATE_HIGH_MS: String(ESCALATE_MS),
      SENDGRID_WEBHOOK_PUBLIC_KEY: sendgridKeys.publicKey.export({ format: "der", type: "spki" }).toString("base64"),
    },
  });
  carol = await signedIn(server.url, "carol@herald.test");
});

afterEach(async () => {
  for (const s of open.splice(0)) s.close();
  fake.reset();
  // The next test's users must be away: the server has seen these streams close, and presence's
  // linger after the last one (HERALD_PRESENCE_LINGER_MS) is over.
  await streamsClosed(server.url);
  await awayOn(server.url, "carol@herald.test");
});

afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

async function notifyCarol(type: string, message: string, data: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await api(server.url, "POST", "/api/v1/notifications", { to: "carol@herald.test", type, message, data }, headers);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.body!.id as string;
}

const highAlert = (message: string) => notifyCarol("trading_alert", message, { symbol: "SOL/USDT", profit: 150.5 });

async function ledger(id: string): Promise<Ledger> {
  const res = await api(server.url, "GET", `/api/v1/notifications/${id}`);
  expect(res.status).toBe(200);
  return res.body as Ledger;
}

async function ledgerUntil(id: string, check: (l: Ledger) => boolean, what: string, timeoutMs = 20_000): Promise<Ledger> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const l = await ledger(id);
    if (check(l)) return l;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(l.deliveries)}\n${server.logs().slice(-2000)}`);
    await sleep(100);
  }
}

const offline = (l: Ledger) => l.deliveries.find((d) => d.channel !== "sse")!;
const smsWith = (text: string) => fake.of("twilio").filter((r) => r.form.Body?.includes(text));
const attemptsOf = (l: Ledger) => l.timeline.filter((t) => t.kind === "attempt");

describe("an away user", () => {
  it("runs every channel live when its provider is configured, and says so at start-up", () => {
    expect(server.logs()).toContain("channels: sms=live push=live email=live");
  });

  it("gets a high-priority event once by SMS (Twilio), even when the trigger is sent twice", async () => {
    const headers = { "Idempotency-Key": "carol-sms-once" };
    const id = await notifyCarol("trading_alert", "Take profit reached on SOL", { symbol: "SOL/USDT", profit: 150.5 }, headers);
    const again = await notifyCarol("trading_alert", "Take profit reached on SOL", { symbol: "SOL/USDT", profit: 150.5 }, headers);
    expect(again).toBe(id);

    const l = await ledgerUntil(id, (x) => offline(x)?.status === "sent", "the SMS");
    expect(offline(l)).toMatchObject({ channel: "sms", destination: "+15550000003", attempts: 1, providerMessageId: expect.stringMatching(/^SM/) });
    const [sms] = smsWith("Take profit reached on SOL");
    expect(sms!.form).toMatchObject({
      To: "+15550000003",
      From: "+15005550006",
      Body: "Herald: Take profit reached on SOL",
      StatusCallback: `${PUBLIC_URL}/api/webhooks/twilio/status`,
    });
    // The ledger tells the story: offline decision, then the one attempt.
    expect(l.timeline.map((t) => `${t.kind}:${t.channel}:${t.outcome}`)).toEqual([
      "decision:sse:missed",
      "decision:sms:planned",
      "attempt:sms:sent",
    ]);
    // Several more outbox polls later, still one SMS.
    await sleep(1000);
    expect(smsWith("Take profit reached on SOL")).toHaveLength(1);

    // Twilio's signed status callback marks it delivered; an unsigned one is refused.
    const params = { MessageSid: offline(l).providerMessageId!, MessageStatus: "delivered", AccountSid: `AC${"0".repeat(31)}1` };
    const url = `${PUBLIC_URL}/api/webhooks/twilio/status`;
    const post = (signature: string) =>
      fetch(`${server.url}/api/webhooks/twilio/status`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
        body: new URLSearchParams(params),
      });
    expect((await post("forged")).status).toBe(403);
    expect((await post(twilio.getExpectedTwilioSignature(TWILIO_TOKEN, url, params))).status).toBe(204);
    const delivered = await ledger(id);
    expect(offline(delivered).status).toBe("delivered");
    expect(delivered.timeline.at(-1)).toMatchObject({ kind: "status", outcome: "delivered" });
  });

  it("retries a 429 after its Retry-After and sends once", async () => {
    fake.script("twilio", tooManyRequests(1));
    const id = await highAlert("Rate limited alert");
    const l = await ledgerUntil(id, (x) => offline(x)?.status === "sent", "the retried SMS");
    expect(smsWith("Rate limited alert").map((r) => r.status)).toEqual([429, 201]);
    const [first, second] = attemptsOf(l);
    expect(first).toMatchObject({ attempt: 1, outcome: "retry", httpStatus: 429 });
    expect(second).toMatchObject({ attempt: 2, outcome: "sent" });
    // Not sooner than the provider asked.
    expect(Date.parse(second!.at) - Date.parse(first!.at)).toBeGreaterThanOrEqual(1000);
    expect(offline(l).attempts).toBe(2);
  });

  it("gives up after the maximum attempts of a 5xx storm (dead), with every attempt recorded", async () => {
    fake.always.twilio = serverError;
    const id = await highAlert("Storm alert");
    const l = await ledgerUntil(id, (x) => offline(x)?.status === "dead", "a dead delivery");
    expect(offline(l)).toMatchObject({ attempts: 3, lastError: expect.stringContaining("503") });
    expect(attemptsOf(l).map((a) => [a.attempt, a.outcome, a.httpStatus])).toEqual([
      [1, "retry", 503],
      [2, "retry", 503],
      [3, "dead", 503],
    ]);
    await sleep(500);
    expect(smsWith("Storm alert")).toHaveLength(3);
  });

  it("fails an email at once on a 400, and SendGrid's signed event webhook updates the ledger", async () => {
    fake.script("sendgrid", badRequest("sendgrid"));
    const bad = await notifyCarol("friend_activity", "Bob followed you", { friendId: "u_bob", activity: "follow" });
    const failed = await ledgerUntil(bad, (x) => offline(x)?.status === "failed", "a failed email");
    expect(offline(failed)).toMatchObject({ channel: "email", attempts: 1, lastError: expect.stringContaining("400") });
    expect(fake.of("sendgrid")).toHaveLength(1);

    const good = await notifyCarol("friend_activity", "Alice followed you", { friendId: "u_alice", activity: "follow" });
    const sent = await ledgerUntil(good, (x) => offline(x)?.status === "sent", "a sent email");
    const [email] = fake.of("sendgrid").slice(-1);
    expect(email!.json.personalizations[0].to[0].email).toBe("carol@herald.test");
    expect(email!.json.subject).toBe("[Herald] Alice followed you");

    const body = JSON.stringify([{ event: "delivered", email: "carol@herald.test", herald_delivery: offline(sent).id }]);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = createSign("sha256").update(timestamp + body).sign(sendgridKeys.privateKey, "base64");
    const post = (sig: string) =>
      fetch(`${server.url}/api/webhooks/sendgrid/events`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-twilio-email-event-webhook-signature": sig,
          "x-twilio-email-event-webhook-timestamp": timestamp,
        },
        body,
      });
    expect((await post(createSign("sha256").update("other").sign(sendgridKeys.privateKey, "base64"))).status).toBe(403);
    const ok = await post(signature);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ matched: 1 });
    expect(offline(await ledger(good)).status).toBe("delivered");
  });

  it("forgets an FCM token reported UNREGISTERED and falls back to email, saying why", async () => {
    fake.script("fcm", unregisteredToken);
    const id = await notifyCarol("nft_upgrade_completed", "Your Level 4 NFT is ready", { nftId: "n1", level: 4 });
    const l = await ledgerUntil(id, (x) => offline(x)?.status === "sent", "the fallback email");
    expect(fake.of("fcm")).toHaveLength(1);
    expect(fake.of("fcm")[0]!.json.message.token).toBe("demo-fcm-token-u_carol");
    expect(offline(l)).toMatchObject({ channel: "email", destination: "carol@herald.test", attempts: 2 });
    const [push, email] = attemptsOf(l);
    expect(push).toMatchObject({ channel: "push", outcome: "token_removed", httpStatus: 404 });
    expect(email).toMatchObject({ channel: "email", outcome: "sent", detail: expect.stringContaining("no push device") });

    // The token is gone: the next push-priority event goes straight to email.
    const next = await notifyCarol("nft_upgrade_completed", "Another NFT is ready", { nftId: "n2" });
    await ledgerUntil(next, (x) => offline(x)?.status === "sent", "the second email");
    expect(fake.of("fcm")).toHaveLength(1);
  });

  it("is not texted when a page reload brings them back inside the grace window", async () => {
    const id = await highAlert("Sent during a reload");
    open.push(await carol.stream({ lastEventId: String(BigInt(id) - 1n) }));
    const l = await ledgerUntil(id, (x) => offline(x)?.status === "cancelled", "the cancelled SMS", GRACE_MS + 10_000);
    expect(l.timeline.at(-1)?.detail).toContain("came online");
    expect(smsWith("Sent during a reload")).toHaveLength(0);
  });
});

describe("attention escalation for an online user", () => {
  /** Carol has the app open and her stream delivers the alert (nobody reports it seen). */
  async function highAlertWhileOnline(message: string): Promise<string> {
    const stream = await carol.stream();
    open.push(stream);
    await stream.waitFor((e) => e.type === "connection_established");
    const id = await highAlert(message);
    await stream.waitFor((e) => e.id === id);
    return id;
  }

  it("texts a high-priority event left unseen past its timer, though the user is online", async () => {
    const id = await highAlertWhileOnline("Unseen alert");
    const l = await ledgerUntil(id, (x) => offline(x)?.status === "sent", "the escalation SMS", ESCALATE_MS + 10_000);
    expect(l.deliveries.find((d) => d.channel === "sse")?.status).toBe("sent");
    expect(offline(l)).toMatchObject({ channel: "sms", trigger: "unseen" });
    expect(smsWith("Unseen alert")).toHaveLength(1);
  });

  it("cancels the escalation when the event is reported seen", async () => {
    const id = await highAlertWhileOnline("Seen alert");
    const seen = await fetch(`${server.url}/api/events/seen`, {
      method: "POST",
      headers: { cookie: carol.cookie, "content-type": "application/json" },
      body: JSON.stringify({ ids: [id] }),
    });
    expect(await seen.json()).toEqual({ cancelled: 1 });
    // Past the timer and several outbox polls: nothing was sent.
    await sleep(ESCALATE_MS + 1500);
    const l = await ledger(id);
    expect(offline(l)).toMatchObject({ status: "cancelled", trigger: "unseen" });
    expect(l.timeline.at(-1)).toMatchObject({ kind: "cancelled", outcome: "seen" });
    expect(smsWith("Seen alert")).toHaveLength(0);
  });

  it("refuses seen reports without a session or with malformed ids", async () => {
    const anon = await fetch(`${server.url}/api/events/seen`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"ids":["1"]}' });
    expect(anon.status).toBe(401);
    const bad = await fetch(`${server.url}/api/events/seen`, {
      method: "POST",
      headers: { cookie: carol.cookie, "content-type": "application/json" },
      body: JSON.stringify({ ids: ["abc"] }),
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.issues[0].path).toBe("ids.0");
  });
});
