// The outbox survives its process: a server killed (SIGKILL) between retries resumes after restart
// and sends once; one killed during a provider call does not send again (the outcome is unknown).
// Each test restarts the built app on the same database (PGlite folder or Postgres schema).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { api, report, sleep } from "../support/client";
import { FakeProviders } from "../support/fake-providers";
import { startServer, type TestServer } from "../support/server";

let fake: FakeProviders;
let server: TestServer;

beforeAll(async () => {
  fake = await FakeProviders.start();
  server = await startServer({ env: { ...fake.env(), HERALD_OUTBOX_LEASE_MS: "1000", HERALD_OUTBOX_BACKOFF_MS: "50" } });
});
beforeEach(() => fake.reset());
afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

async function sms(message: string): Promise<string> {
  const res = await api(server.url, "POST", "/api/v1/notifications", {
    to: "carol@herald.test",
    type: "trading_alert",
    message,
    data: { symbol: "SOL/USDT" },
  });
  expect(res.status).toBe(202);
  return res.body!.id as string;
}

async function smsDelivery(id: string) {
  const res = await api(server.url, "GET", `/api/v1/notifications/${id}`);
  return (res.body!.deliveries as { channel: string; status: string; attempts: number; lastError: string | null }[]).find((d) => d.channel === "sms")!;
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${server.logs().slice(-2000)}`);
    await sleep(100);
  }
}

describe("outbox recovery", () => {
  it("resumes a delivery killed mid-retry after a restart and sends it once", async () => {
    // The first attempt fails with a Retry-After long enough to kill the server before the retry.
    fake.script("twilio", { status: 503, headers: { "retry-after": "3" }, body: { message: "busy" } });
    const id = await sms("Killed mid-retry");
    await until(async () => {
      const d = await smsDelivery(id);
      return d.attempts === 1 && d.status === "pending";
    }, "the first attempt to fail and a retry to be scheduled");

    await server.restart({}, "SIGKILL");
    await until(async () => (await smsDelivery(id)).status === "sent", "the retry after restart");
    expect(await smsDelivery(id)).toMatchObject({ status: "sent", attempts: 2 });
    const requests = fake.of("twilio").filter((r) => r.form.Body?.includes("Killed mid-retry"));
    expect(requests.map((r) => r.status)).toEqual([503, 201]);
    await sleep(1000);
    expect(fake.of("twilio").filter((r) => r.form.Body?.includes("Killed mid-retry"))).toHaveLength(2);
  });

  it("does not send again when the worker died during the provider call, and retakes the rest of its claim after the lease", async () => {
    fake.delayMs = 20_000; // the provider holds the request; we kill the server meanwhile
    // One event to three away users: three SMS rows due at the same moment, claimed in one batch.
    // The worker is in the first provider call when it dies; the other two are claimed, not started.
    const res = await api(server.url, "POST", "/api/v1/notifications", {
      to: ["alice@herald.test", "bob@herald.test", "carol@herald.test"],
      type: "trading_alert",
      message: "Killed mid-send",
      data: { symbol: "SOL/USDT" },
    });
    expect(res.status).toBe(202);
    const id = res.body!.id as string;
    const mine = () => fake.of("twilio").filter((r) => r.form.Body?.includes("Killed mid-send"));
    const rows = async () => {
      const ledger = await api(server.url, "GET", `/api/v1/notifications/${id}`);
      return (ledger.body!.deliveries as { channel: string; status: string; destination: string | null; lastError: string | null }[]).filter((d) => d.channel === "sms");
    };
    await fake.waitFor(() => mine().length === 1, 20_000, "the provider call");
    expect((await rows()).map((d) => d.status)).toEqual(["sending", "sending", "sending"]);
    await server.restart({}, "SIGKILL");
    fake.delayMs = 0;
    // The lease (1 s) runs out and another worker retakes all three: the one whose call was in
    // flight stops there (its outcome is unknown); the two never started are sent, once each.
    await until(async () => (await rows()).every((d) => d.status !== "sending" && d.status !== "pending"), "the rows to be settled");
    const settled = await rows();
    expect(settled.map((d) => d.status).sort()).toEqual(["failed", "sent", "sent"]);
    expect(settled.find((d) => d.status === "failed")!.lastError).toContain("not sent again");
    const perPhone = new Map<string, number>();
    for (const r of mine()) perPhone.set(r.form.To!, (perPhone.get(r.form.To!) ?? 0) + 1);
    report("killed mid-send", {
      claimed: 3,
      in_flight_not_resent: settled.filter((d) => d.status === "failed").length,
      retaken_and_sent: settled.filter((d) => d.status === "sent").length,
      provider_requests: mine().length,
      duplicates: mine().length - perPhone.size,
    });
    expect(mine()).toHaveLength(3);
    expect([...perPhone.values()]).toEqual([1, 1, 1]);
  });
});
