// The provisioning API (PUT/GET/DELETE /api/v1/users/:externalId and its devices), over HTTP
// against the built app, with the real SendGrid and firebase-admin SDKs talking to fake provider
// servers on 127.0.0.1: what another backend does to make its users Herald's.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { api, awayOn, Session, signedIn, type Stream } from "../support/client";
import { FakeProviders } from "../support/fake-providers";
import { capturedMessages } from "../support/outbox";
import { actionId, callAction } from "../support/server-actions";
import { startServer, type TestServer } from "../support/server";

let fake: FakeProviders;
let server: TestServer;
const open: Stream[] = [];
const user = { email: "kim@partner.test", name: "Kim", phone: "+15550001042", timeZone: "Asia/Seoul" };

const put = (id: string, body: unknown) => api(server.url, "PUT", `/api/v1/users/${id}`, body);
const trigger = (to: string, type: string, message: string, data: Record<string, unknown>) =>
  api(server.url, "POST", "/api/v1/notifications", { to, type, message, data });

beforeAll(async () => {
  fake = await FakeProviders.start();
  server = await startServer({ env: { ...fake.env(), HERALD_PUBLIC_URL: "https://herald.example" } });
});

afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

/** A provisioned user has no password: they choose one through "Forgot your password?", as Kim does here. */
async function kimSetsAPassword(password: string): Promise<Session> {
  const action = (name: string, file: string, args: unknown[]) =>
    callAction(server.url, new Session(server.url).headers(), "/signin", actionId(file, name), args).then((r) => r.result);
  const sent = fake.of("sendgrid").length;
  expect(await action("requestPasswordResetAction", "app/forgot-password/actions.ts", [{ email: user.email }])).toEqual({ ok: true, data: null });
  await fake.waitFor(() => fake.of("sendgrid").length > sent, 15_000, "the reset email");
  const mail = fake.of("sendgrid").at(-1)!.json;
  expect(mail.personalizations[0].to[0].email).toBe(user.email);
  const token = /reset-password\?token=([A-Za-z0-9_-]{43})/.exec(JSON.stringify(mail.content))![1];
  expect(await action("resetPasswordAction", "app/reset-password/actions.ts", [{ token, password }])).toEqual({ ok: true, data: null });
  return signedIn(server.url, user.email, password);
}

describe("PUT /api/v1/users/:externalId", () => {
  it("creates the user, then updates it idempotently", async () => {
    const created = await put("ext-42", user);
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe("/api/v1/users/ext-42");
    expect(created.body).toMatchObject({ externalId: "ext-42", ...user, devices: [] });

    const again = await put("ext-42", user);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(created.body);

    const prefs = [{ category: "trading", channel: "sms", enabled: false }];
    const updated = await put("ext-42", { ...user, name: "Kim Lee", preferences: prefs });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: created.body!.id, name: "Kim Lee" });
    expect(updated.body!.preferences).toContainEqual({ category: "trading", channel: "sms", enabled: false });
    expect(updated.body!.preferences).toContainEqual({ category: "social", channel: "sms", enabled: true });
    expect((await api(server.url, "GET", "/api/v1/users/ext-42")).body).toEqual(updated.body);
  });

  it.each([
    [{ ...user, email: "not-an-email" }, "email"],
    [{ ...user, phone: "555-1234" }, "phone"],
    [{ ...user, timeZone: "Mars/Olympus" }, "timeZone"],
    [{ ...user, preferences: [{ category: "nft", channel: "fax", enabled: true }] }, "preferences.0.channel"],
    [{ ...user, nickname: "typo" }, "(body)"],
    [{ name: "No email" }, "email"],
  ])("answers 400 naming the bad field (%#)", async (body, field) => {
    const res = await put("ext-400", body);
    expect(res.status).toBe(400);
    expect(res.body!.error.code).toBe("invalid_request");
    expect(res.body!.error.issues.map((i: { path: string }) => i.path)).toContain(field);
  });

  it("names a bad externalId, refuses another user's email (409) and a missing API key (401)", async () => {
    for (const bad of ["has%20space", "a@b.test"]) {
      const res = await put(bad, user);
      expect(res.status, bad).toBe(400);
      expect(res.body!.error.issues).toEqual([{ path: "externalId", message: expect.any(String) }]);
    }
    const taken = await put("ext-43", { email: "bob@herald.test" });
    expect(taken.status).toBe(409);
    expect(taken.body!.error.issues).toEqual([{ path: "email", message: expect.any(String) }]);
    const anonymous = await fetch(`${server.url}/api/v1/users/ext-42`, { method: "PUT", body: JSON.stringify(user) });
    expect(anonymous.status).toBe(401);
  });
});

describe("a provisioned user", () => {
  it("gets notifications sent to their external id on their stream", async () => {
    const kim = await kimSetsAPassword("kim-password-1");
    const s = await kim.stream();
    open.push(s);
    await s.waitFor((e) => e.type === "connection_established");
    const sent = await trigger("ext-42", "price_alert", "SOL reached 180", { symbol: "SOL", price: 180 });
    expect(sent.status).toBe(202);
    expect((await s.waitFor((e) => e.id === sent.body!.id)).message).toBe("SOL reached 180");
  });

  it("keeps no usable copy of a reset link once SendGrid took the email", async () => {
    const admin = await signedIn(server.url, "alice@herald.test");
    const html = await (await admin.fetch("/admin/outbox")).text();
    // "Recent offline deliveries": the account email's row links to its ledger.
    const id = /\/admin\/notifications\/(\d+)">#(?:<!-- -->)?\d+<\/a>\s*<code[^>]*>account_email/.exec(html)![1];
    const ledger = await api(server.url, "GET", `/api/v1/notifications/${id}`);
    const email = ledger.body!.deliveries.find((d: { channel: string }) => d.channel === "email");
    expect(email).toMatchObject({ status: "sent", destination: user.email });
    expect(email.payload.text).toContain("reset-password?token=[redacted]");
    expect((await capturedMessages(admin)).some((m) => m.destination === user.email)).toBe(false);
  });

  it("registers push tokens that the push channel then uses, and removes them", async () => {
    const token = "fcm-token-for-ext-42-device-a";
    const added = await api(server.url, "POST", "/api/v1/users/ext-42/devices", { token, label: "Kim's phone" });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ token, label: "Kim's phone" });
    // Kim is away (no stream): a medium-priority event goes by push, to that token.
    await awayOn(server.url, user.email);
    const pushes = fake.of("fcm").length;
    const sent = await trigger("ext-42", "position_update", "Position closed", { positionId: "p1", pnl: 12 });
    expect(sent.status).toBe(202);
    await fake.waitFor(() => fake.of("fcm").length > pushes, 15_000, "the push");
    expect(fake.of("fcm").at(-1)!.json.message).toMatchObject({ token, notification: { body: "Position closed" } });

    const bad = await api(server.url, "POST", "/api/v1/users/ext-42/devices", { token: "short" });
    expect(bad.status).toBe(400);
    expect(bad.body!.error.issues.map((i: { path: string }) => i.path)).toEqual(["token"]);
    expect((await api(server.url, "DELETE", "/api/v1/users/ext-42/devices", { token })).status).toBe(204);
    const gone = await api(server.url, "DELETE", "/api/v1/users/ext-42/devices", { token });
    expect(gone.status).toBe(404);
    expect((await api(server.url, "GET", "/api/v1/users/ext-42")).body!.devices).toEqual([]);
  });

  it("is erased by DELETE: sessions end, their notifications go, and triggers to the id answer 404", async () => {
    const kim = await signedIn(server.url, user.email, "kim-password-1");
    const s = await kim.stream();
    open.push(s);
    await s.waitFor((e) => e.type === "connection_established");
    const only = await trigger("ext-42", "badge_earned", "Badge for Kim", { badgeId: "b1", name: "First" });
    await s.waitFor((e) => e.id === only.body!.id);

    expect((await api(server.url, "DELETE", "/api/v1/users/ext-42")).status).toBe(204);
    await s.waitForEnd(5_000);
    expect((await kim.fetch("/dashboard")).status).toBe(307);
    expect((await api(server.url, "GET", "/api/v1/users/ext-42")).status).toBe(404);
    expect((await api(server.url, "GET", `/api/v1/notifications/${only.body!.id}`)).status).toBe(404);
    expect((await new Session(server.url).attemptSignIn(user.email, "kim-password-1")).error).toBe("CredentialsSignin");

    const after = await trigger("ext-42", "badge_earned", "Anyone there?", { badgeId: "b2", name: "Second" });
    expect(after.status).toBe(404);
    expect(after.body!.error).toMatchObject({
      code: "not_found",
      message: "Unknown recipient: ext-42",
      issues: [{ path: "to", message: expect.stringContaining("ext-42") }],
    });
    expect((await api(server.url, "DELETE", "/api/v1/users/ext-42")).status).toBe(404);
  });
});
