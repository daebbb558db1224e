// Two app processes on one Postgres database, both running the outbox worker: every delivery is
// sent exactly once, and both workers take part (the timeline names the worker of each attempt).
// Postgres only: the embedded PGlite database belongs to a single process.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, sleep } from "../support/client";
import { FakeProviders } from "../support/fake-providers";
import { startServer, wantPostgres, type TestServer } from "../support/server";

let fake: FakeProviders;
let first: TestServer;
let second: TestServer;
const COUNT = 12;

describe.skipIf(!wantPostgres())("two outbox workers on one database", () => {
  beforeAll(async () => {
    fake = await FakeProviders.start();
    fake.delayMs = 250; // each send takes a while, so the two workers' polls overlap
    const env = { ...fake.env(), HERALD_OUTBOX_BATCH: "1", HERALD_OUTBOX_POLL_MS: "100" };
    first = await startServer({ env });
    second = await startServer({ env, databaseUrl: first.databaseUrl! });
  });
  afterAll(async () => {
    await second?.stop();
    await first?.stop();
    await fake?.close();
  });

  it("sends each delivery once", async () => {
    const ids: string[] = [];
    for (let i = 0; i < COUNT; i++) {
      const res = await api(first.url, "POST", "/api/v1/notifications", {
        to: "carol@herald.test",
        type: "trading_alert",
        message: `Worker test ${i}`,
        data: { symbol: "SOL/USDT" },
      });
      expect(res.status).toBe(202);
      ids.push(res.body!.id as string);
    }
    await fake.waitFor(() => fake.of("twilio").length >= COUNT, 60_000, "every SMS");
    await sleep(1500); // more polls from both workers: nothing is sent again
    const bodies = fake.of("twilio").map((r) => r.form.Body);
    expect(bodies).toHaveLength(COUNT);
    expect(new Set(bodies).size).toBe(COUNT);

    const workers = new Set<string>();
    for (const id of ids) {
      // Either server's ledger shows the same rows: they share the database.
      const ledger = (await api(second.url, "GET", `/api/v1/notifications/${id}`)).body!;
      const sms = ledger.deliveries.find((d: { channel: string }) => d.channel === "sms");
      expect(sms).toMatchObject({ status: "sent", attempts: 1 });
      const attempts = ledger.timeline.filter((t: { kind: string }) => t.kind === "attempt");
      expect(attempts).toHaveLength(1);
      workers.add(attempts[0].worker);
    }
    expect(workers.size).toBe(2);
  });
});
