// The server-to-server trigger API: auth, validation, body limit, idempotency and the ledger.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, awayOn, signedIn, type Stream } from "../support/client";
import { startServer, type TestServer } from "../support/server";

let server: TestServer;
const valid = { to: "bob@herald.test", type: "price_alert", message: "SOL reached your target price!", data: { symbol: "SOL", price: 180 } };

beforeAll(async () => {
  server = await startServer({ env: { HERALD_API_MAX_BODY_BYTES: "4096" } });
});
afterAll(async () => {
  await server?.stop();
});

describe("authentication", () => {
  it("answers 401 without a key and with a wrong one, in the one error shape", async () => {
    const none = await fetch(`${server.url}/api/v1/notifications`, { method: "POST", body: JSON.stringify(valid) });
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: { code: "unauthorized", message: expect.stringContaining("API key") } });
    const wrong = await api(server.url, "POST", "/api/v1/notifications", valid, { authorization: "Bearer nope" });
    expect(wrong.status).toBe(401);
    const ledger = await api(server.url, "GET", "/api/v1/notifications/1", undefined, { authorization: "Bearer nope" });
    expect(ledger.status).toBe(401);
  });
});

describe("validation", () => {
  it.each([
    [{ ...valid, type: "nope" }, "type"],
    [{ ...valid, data: { symbol: "SOL", price: "high" } }, "data.price"],
    [{ ...valid, message: "" }, "message"],
    [{ type: valid.type, message: valid.message, data: valid.data }, "to"],
    [{ ...valid, priority: "urgent" }, "priority"],
    [{ ...valid, mesage: "typo" }, "(body)"],
    [{ ...valid, type: "connection_established" }, "type"],
  ])("answers 400 naming the bad field (%#)", async (body, field) => {
    const res = await api(server.url, "POST", "/api/v1/notifications", body);
    expect(res.status).toBe(400);
    expect(res.body!.error.code).toBe("invalid_request");
    expect(res.body!.error.issues.map((i: { path: string }) => i.path)).toContain(field);
  });

  it("rejects unknown recipients (404, naming them) without sending to anyone", async () => {
    const bob = await signedIn(server.url, "bob@herald.test");
    const s: Stream = await bob.stream();
    const res = await api(server.url, "POST", "/api/v1/notifications", { ...valid, to: ["bob@herald.test", "nobody@herald.test"] });
    expect(res.status).toBe(404);
    expect(res.body!.error).toMatchObject({ code: "not_found", issues: [{ path: "to", message: expect.stringContaining("nobody@herald.test") }] });
    expect(res.body!.error.message).toContain("nobody@herald.test");
    // A valid event after it: by the time it arrives, a wrongly sent one would have too.
    const marker = await api(server.url, "POST", "/api/v1/notifications", { ...valid, to: "bob@herald.test", message: "marker" });
    await s.waitFor((e) => e.id === marker.body!.id);
    expect(s.envelopes.filter((e) => e.type === "price_alert" && e.id !== marker.body!.id)).toHaveLength(0);
    s.close();
  });

  it("answers 400 for malformed JSON and 415 for a non-JSON body", async () => {
    const bad = await api(server.url, "POST", "/api/v1/notifications", "{nope");
    expect(bad.status).toBe(400);
    expect(bad.body!.error.code).toBe("invalid_json");
    const form = await api(server.url, "POST", "/api/v1/notifications", "a=b", { "content-type": "application/x-www-form-urlencoded" });
    expect(form.status).toBe(415);
  });

  it("answers 413 past the body limit", async () => {
    const res = await api(server.url, "POST", "/api/v1/notifications", { ...valid, data: { ...valid.data, blob: "x".repeat(8000) } });
    expect(res.status).toBe(413);
    expect(res.body!.error.code).toBe("payload_too_large");
  });
});

describe("sending", () => {
  it("accepts a notification to several recipients by id or email and records the ledger", async () => {
    await awayOn(server.url, "bob@herald.test"); // his stream closed in a test before
    const res = await api(server.url, "POST", "/api/v1/notifications", { ...valid, to: ["u_carol", "bob@herald.test", "BOB@herald.test"] }, { "accept-encoding": "gzip, deflate" });
    expect(res.status).toBe(202);
    expect(res.headers.get("location")).toBe(`/api/v1/notifications/${res.body!.id}`);
    // A caller that accepts gzip gets the short answer as is (compressing it cost more CPU than the send), never cached.
    expect(res.headers.get("content-encoding")).toBeNull();
    expect(res.headers.get("cache-control")).toBe("no-store, no-transform");
    expect(res.body).toMatchObject({ type: "price_alert", category: "trading", priority: "high", durable: true });
    expect([...res.body!.recipients].sort()).toEqual(["u_bob", "u_carol"]);

    const ledger = await api(server.url, "GET", `/api/v1/notifications/${res.body!.id}`);
    expect(ledger.status).toBe(200);
    expect(ledger.body).toMatchObject({ id: res.body!.id, type: "price_alert", priority: "high", message: valid.message });
    for (const userId of ["u_bob", "u_carol"]) {
      expect(ledger.body!.deliveries).toContainEqual(expect.objectContaining({ userId, channel: "sse", status: "missed" }));
    }
  });

  it("lets the caller override the type's default priority", async () => {
    const res = await api(server.url, "POST", "/api/v1/notifications", { ...valid, priority: "low" });
    expect(res.body!.priority).toBe("low");
  });

  it("answers 404 for an unknown notification", async () => {
    expect((await api(server.url, "GET", "/api/v1/notifications/999999")).status).toBe(404);
    expect((await api(server.url, "GET", "/api/v1/notifications/abc")).status).toBe(404);
  });

  it("accepts a broadcast", async () => {
    const res = await api(server.url, "POST", "/api/v1/broadcasts", {
      type: "feature_announcement",
      message: "New trading pairs available!",
      data: { pairs: ["BONK/USDT", "WIF/SOL"] },
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ audience: "broadcast", type: "feature_announcement" });
  });
});

describe("Idempotency-Key", () => {
  it("returns the same notification for a retried request and delivers it once", async () => {
    const bob = await signedIn(server.url, "bob@herald.test");
    const s = await bob.stream();
    await s.waitFor((e) => e.type === "connection_established");
    const key = { "idempotency-key": `retry-${Date.now()}` };
    const first = await api(server.url, "POST", "/api/v1/notifications", valid, key);
    const again = await api(server.url, "POST", "/api/v1/notifications", valid, key);
    const concurrent = await Promise.all([1, 2, 3].map(() => api(server.url, "POST", "/api/v1/notifications", valid, key)));
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body!.id).toBe(first.body!.id);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    for (const r of concurrent) expect(r.body!.id).toBe(first.body!.id);

    await s.waitFor((e) => e.id === first.body!.id);
    const marker = await api(server.url, "POST", "/api/v1/notifications", { ...valid, message: "marker" });
    await s.waitFor((e) => e.id === marker.body!.id);
    expect(s.envelopes.filter((e) => e.id === first.body!.id)).toHaveLength(1);
    const ledger = await api(server.url, "GET", `/api/v1/notifications/${first.body!.id}`);
    // One stream delivery, and one pending unseen-escalation: nothing doubled.
    expect(ledger.body!.deliveries.map((d: { channel: string }) => d.channel).sort()).toEqual(["sms", "sse"]);
    s.close();
  });

  it("refuses to reuse a key for a different request", async () => {
    const key = { "idempotency-key": `reuse-${Date.now()}` };
    expect((await api(server.url, "POST", "/api/v1/notifications", valid, key)).status).toBe(202);
    const other = await api(server.url, "POST", "/api/v1/notifications", { ...valid, message: "something else" }, key);
    expect(other.status).toBe(409);
    expect(other.body!.error.code).toBe("conflict");
  });

  it("rejects a malformed key", async () => {
    const res = await api(server.url, "POST", "/api/v1/notifications", valid, { "idempotency-key": "has spaces" });
    expect(res.status).toBe(400);
  });
});
