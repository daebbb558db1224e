// Online users get the stream only; away users get one offline channel by priority after the
// grace window (captured here: no provider accounts are configured).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, awayOn, signedIn, sleep, waitUntil, type Session } from "../support/client";
import { startServer, type TestServer } from "../support/server";

let server: TestServer;
let bob: Session;
let carol: Session;
const GRACE = 1500; // HERALD_OFFLINE_GRACE_MS in startServer

beforeAll(async () => {
  server = await startServer();
  bob = await signedIn(server.url, "bob@herald.test");
  carol = await signedIn(server.url, "carol@herald.test");
});
afterAll(async () => {
  await server?.stop();
});

type Delivery = { userId: string; channel: string; status: string; destination: string | null; payload: Record<string, unknown> | null; reason: string | null };

async function send(to: string, type: string, data: Record<string, unknown>, message = `${type} for ${to}`) {
  const res = await api(server.url, "POST", "/api/v1/notifications", { to, type, message, data });
  expect(res.status).toBe(202);
  return res.body!.id as string;
}

async function deliveries(id: string): Promise<Delivery[]> {
  return (await api(server.url, "GET", `/api/v1/notifications/${id}`)).body!.deliveries as Delivery[];
}

async function settled(id: string, timeoutMs = 30_000): Promise<Delivery[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = await deliveries(id);
    if (list.every((d) => d.status !== "pending" && d.status !== "sending")) return list;
    if (Date.now() > deadline) throw new Error(`still pending: ${JSON.stringify(list)}`);
    await sleep(150);
  }
}

describe("an offline user", () => {
  it.each([
    ["high", "price_alert", { symbol: "SOL", price: 180 }, "sms", "+15550000003"],
    ["medium", "position_update", { positionId: "456", pnl: 75.25 }, "push", "demo-fcm-token-u_carol"],
    ["low", "badge_earned", { badgeId: "trader_pro", name: "Trading Pro" }, "email", "carol@herald.test"],
  ])("gets a %s-priority %s as a captured %s after the grace window", async (_p, type, data, channel, destination) => {
    const id = await send("carol@herald.test", type, data);
    const early = await deliveries(id);
    expect(early).toContainEqual(expect.objectContaining({ channel: "sse", status: "missed" }));
    expect(early).toContainEqual(expect.objectContaining({ channel, status: "pending" }));

    const final = await settled(id);
    const offline = final.filter((d) => d.channel !== "sse");
    expect(offline).toHaveLength(1);
    expect(offline[0]).toMatchObject({ channel, status: "captured", destination });
    expect(JSON.stringify(offline[0]!.payload)).toContain(`${type} for carol@herald.test`);
  });

  it("is sent nothing third-party when they come back within the grace window, and gets the event on replay", async () => {
    const id = await send("carol@herald.test", "price_alert", { symbol: "SOL", price: 181 });
    const s = await carol.stream({ lastEventId: String(BigInt(id) - 1n) });
    expect((await s.waitFor((e) => e.id === id)).type).toBe("price_alert");
    const final = await settled(id);
    expect(final.find((d) => d.channel === "sms")).toMatchObject({ status: "cancelled" });
    expect(final.find((d) => d.channel === "sse")).toMatchObject({ status: "sent" });
    s.close();
  });
});

const thirdPartySends = (list: Delivery[]) =>
  list.filter((d) => d.channel !== "sse" && ["sending", "sent", "captured", "delivered"].includes(d.status));

async function reportSeen(session: Session, ids: string[]) {
  const res = await fetch(`${server.url}/api/events/seen`, {
    method: "POST",
    headers: { cookie: session.cookie, "content-type": "application/json" },
    body: JSON.stringify({ ids }),
  });
  expect(res.status).toBe(200);
}

describe("an online user", () => {
  it("never gets a third-party delivery past the grace window; a seen high-priority event is never escalated", async () => {
    const s = await bob.stream();
    await s.waitFor((e) => e.type === "connection_established");
    const ids = [
      await send("bob@herald.test", "security_alert", { kind: "new_device", device: "Firefox on Linux" }),
      await send("bob@herald.test", "position_update", { positionId: "1", pnl: 3 }),
      await send("bob@herald.test", "friend_activity", { friendId: "u_carol", activity: "nft_upgrade" }),
    ];
    for (const id of ids) await s.waitFor((e) => e.id === id);
    // High priority waits (60 s by default) for the browser to say it was seen; the rest are done.
    const high = await deliveries(ids[0]!);
    expect(high).toContainEqual(expect.objectContaining({ channel: "sse", status: "sent" }));
    expect(high).toContainEqual(expect.objectContaining({ channel: "sms", status: "pending" }));
    for (const id of ids.slice(1)) expect(await deliveries(id)).toEqual([expect.objectContaining({ channel: "sse", status: "sent" })]);

    await reportSeen(bob, ids);
    await sleep(GRACE + 1000);
    for (const id of ids) expect(thirdPartySends(await deliveries(id))).toEqual([]);
    expect((await deliveries(ids[0]!)).find((d) => d.channel === "sms")).toMatchObject({ status: "cancelled" });
    s.close();
  });

  it("is not sent an SMS for a page reload inside the grace window", async () => {
    const s = await bob.stream();
    await s.waitFor((e) => e.type === "connection_established");
    s.close();
    // The server has seen the page go and the presence linger is over: bob is away when the event
    // is sent (a reload shorter than the linger never even plans an SMS), and back within the grace.
    await awayOn(server.url, "bob@herald.test");
    const id = await send("bob@herald.test", "price_alert", { symbol: "BTC", price: 1 });
    const reloaded = await bob.stream({ query: `?lastEventId=${BigInt(id) - 1n}` });
    await reloaded.waitFor((e) => e.id === id);
    // Past the grace window the outbox looks at the SMS, finds bob back, and cancels it.
    await waitUntil(async () => (await deliveries(id)).some((d) => d.channel === "sms" && d.status === "cancelled"), "the SMS to be cancelled", 30_000);
    expect(thirdPartySends(await deliveries(id))).toEqual([]);
    reloaded.close();
  });
});
