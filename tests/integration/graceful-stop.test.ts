// SIGTERM while offline deliveries are in flight: the provider call under way finishes and is
// recorded before the process exits (never "unknown", never sent twice), the rest of the worker's
// claim is handed back at once (not after the lease) and the next process sends it, and open
// streams end cleanly after a `retry:` hint telling the client to come back soon.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, report, signedIn, waitUntil } from "../support/client";
import { FakeProviders } from "../support/fake-providers";
import { startServer, type TestServer } from "../support/server";

let fake: FakeProviders;
let server: TestServer;
const RETRY_MS = 3000;

beforeAll(async () => {
  fake = await FakeProviders.start();
  // A lease far longer than the test: only an explicit hand-back lets the next process send the rest.
  server = await startServer({ env: { ...fake.env(), HERALD_OUTBOX_LEASE_MS: "600000", HERALD_RETRY_MS: String(RETRY_MS) } });
});
afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

describe("graceful stop (SIGTERM)", () => {
  it("finishes the delivery in flight, hands back the rest, ends streams with a retry hint, and sends nothing twice", async () => {
    const alice = await signedIn(server.url, "alice@herald.test");
    const stream = await alice.stream();
    await stream.waitFor((e) => e.type === "connection_established");
    expect(stream.retry).toBe(RETRY_MS);

    fake.delayMs = 1500; // each provider call takes a while: SIGTERM lands during the first
    const res = await api(server.url, "POST", "/api/v1/notifications", {
      to: ["bob@herald.test", "carol@herald.test"],
      type: "trading_alert",
      message: "Stopped mid-send",
      data: { symbol: "SOL/USDT" },
    });
    expect(res.status).toBe(202);
    const id = res.body!.id as string;
    const mine = () => fake.of("twilio").filter((r) => r.form.Body?.includes("Stopped mid-send"));
    const sms = async () =>
      ((await api(server.url, "GET", `/api/v1/notifications/${id}`)).body!.deliveries as { channel: string; status: string; attempts: number }[]).filter((d) => d.channel === "sms");
    await fake.waitFor(() => mine().length === 1, 20_000, "the first provider call");

    // However slow the machine, the process stops by itself (no SIGKILL while it drains).
    const exitCode = await server.kill("SIGTERM", 60_000);
    const logs = server.logs();
    expect(logs).toContain("SIGTERM: finishing in-flight deliveries");
    expect(logs).toContain("deliveries settled and streams closed");
    // The stream ended (not reset) after a retry hint shorter than the usual one, spread at random.
    await stream.waitForEnd(5000);
    expect(stream.retry).toBeGreaterThanOrEqual(250);
    expect(stream.retry).toBeLessThan(250 + RETRY_MS);

    fake.delayMs = 0;
    await server.start();
    await waitUntil(async () => (await sms()).every((d) => d.status === "sent"), "the next process to send the rest", 30_000);
    const rows = await sms();
    const perPhone = new Map<string, number>();
    for (const r of mine()) perPhone.set(r.form.To!, (perPhone.get(r.form.To!) ?? 0) + 1);
    report("graceful stop", {
      exit_code: String(exitCode),
      in_flight_at_sigterm: 1,
      sent: rows.length,
      delivered: rows.filter((d) => d.status === "sent").length,
      provider_requests: mine().length,
      duplicates: mine().length - perPhone.size,
      losses: rows.filter((d) => d.status !== "sent").length,
    });
    expect(rows.map((d) => [d.status, d.attempts])).toEqual([["sent", 1], ["sent", 1]]);
    expect([...perPhone.values()]).toEqual([1, 1]);
  });
});
