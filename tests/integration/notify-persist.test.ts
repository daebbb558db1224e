// notify() stores a targeted notification, its recipients and each one's delivery plan in one
// statement: what the ledger, replay and idempotency show must be what they were before.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, signedIn, type Stream } from "../support/client";
import { startServer, type TestServer } from "../support/server";

let server: TestServer;
let bobStream: Stream;

beforeAll(async () => {
  server = await startServer();
  const bob = await signedIn(server.url, "bob@herald.test");
  bobStream = await bob.stream();
  await bobStream.waitFor((e) => e.type === "connection_established");
});

afterAll(async () => {
  bobStream?.close();
  await server?.stop();
});

describe("a targeted notification to many recipients", () => {
  it("records every recipient's delivery (online: sent; offline: missed + a pending offline channel)", async () => {
    const sent = await api(server.url, "POST", "/api/v1/notifications", {
      to: ["bob@herald.test", "carol@herald.test", "u_alice"],
      type: "price_alert",
      message: "SOL crossed $180",
      data: { symbol: "SOL", price: 180, note: "multi\nline" },
      priority: "medium",
    });
    expect(sent.status).toBe(202);
    const got = await bobStream.waitFor((e) => e.id === sent.body!.id);
    expect(got).toMatchObject({ type: "price_alert", priority: "medium", data: { symbol: "SOL", price: 180, note: "multi\nline" } });
    expect(Math.abs(Date.parse(got.timestamp) - Date.now())).toBeLessThan(60_000);

    const ledger = await api(server.url, "GET", `/api/v1/notifications/${sent.body!.id}`);
    expect(ledger.status).toBe(200);
    expect([...ledger.body!.recipients].sort()).toEqual(["u_alice", "u_bob", "u_carol"]);
    expect(ledger.body!.timestamp).toBe(got.timestamp);
    const rows = (ledger.body!.deliveries as { userId: string; channel: string; status: string; nextAttemptAt: string | null }[])
      .map((d) => `${d.userId}:${d.channel}:${d.status}:${d.nextAttemptAt ? "due" : "-"}`)
      .sort();
    expect(rows).toEqual([
      "u_alice:push:pending:due",
      "u_alice:sse:missed:-",
      "u_bob:sse:sent:-",
      "u_carol:push:pending:due",
      "u_carol:sse:missed:-",
    ]);
  });

  it("answers two racing requests with one Idempotency-Key with one notification", async () => {
    const body = { to: ["bob@herald.test", "carol@herald.test"], type: "badge_earned", message: "Badge!", data: { badgeId: "b1", name: "First" } };
    const headers = { "Idempotency-Key": `race-${Date.now()}` };
    const [a, b] = await Promise.all([
      api(server.url, "POST", "/api/v1/notifications", body, headers),
      api(server.url, "POST", "/api/v1/notifications", body, headers),
    ]);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(a.body!.id).toBe(b.body!.id);
    expect([a.body!.replayed, b.body!.replayed].sort()).toEqual([false, true]);
  });

  it("rejects an unknown recipient without storing anything", async () => {
    const res = await api(server.url, "POST", "/api/v1/notifications", {
      to: ["bob@herald.test", "nobody@herald.test"],
      type: "badge_earned",
      message: "x",
      data: { badgeId: "b2", name: "Second" },
    });
    expect(res.status).toBe(404);
  });
});
