// The outbox survives its process: a server killed (SIGKILL) between retries resumes after restart
// and sends once; one killed during a provider call does not send again (the outcome is unknown).
// Each test restarts the built app on the same database (PGlite folder or Postgres schema).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { api, sleep } from "../support/client";
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

  it("does not send again when the worker died during the provider call", async () => {
    fake.delayMs = 20_000; // the provider holds the request; we kill the server meanwhile
    const id = await sms("Killed mid-send");
    const mine = () => fake.of("twilio").filter((r) => r.form.Body?.includes("Killed mid-send"));
    await fake.waitFor(() => mine().length === 1, 20_000, "the provider call");
    await server.restart({}, "SIGKILL");
    fake.delayMs = 0;
    // The lease (1 s) runs out, another worker takes the row, sees the attempt in flight, and stops.
    await until(async () => (await smsDelivery(id)).status === "failed", "the row to be settled");
    expect((await smsDelivery(id)).lastError).toContain("not sent again");
    await sleep(1000);
    expect(mine()).toHaveLength(1);
  });
});
