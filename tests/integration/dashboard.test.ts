// The dashboard's server actions over HTTP, as the browser calls them, against the production
// build: admin guards, the NFT simulator (including a restart mid-upgrade), the price feed's
// subscriptions, alerts and take-profit with the contest.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { api, Session, signedIn, type Envelope, type Stream } from "../support/client";
import { startServer, type TestServer } from "../support/server";
import { actionId, callAction } from "../support/server-actions";

let server: TestServer;
let alice: Session;
let bob: Session;
let carol: Session;
const open: Stream[] = [];

const ids = {
  maintenance: () => actionId("app/(app)/admin/actions.ts", "announceMaintenanceAction"),
  activeMaintenance: () => actionId("app/(app)/actions.ts", "activeMaintenanceAction"),
  feature: () => actionId("app/(app)/admin/actions.ts", "announceFeatureAction"),
  upgrade: () => actionId("app/(app)/nft/actions.ts", "upgradeNftAction"),
  mint: () => actionId("app/(app)/nft/actions.ts", "mintNftAction"),
  closePosition: () => actionId("app/(app)/trading/actions.ts", "closePositionAction"),
  watch: () => actionId("app/(app)/trading/actions.ts", "watchPricesAction"),
  unwatch: () => actionId("app/(app)/trading/actions.ts", "unwatchPricesAction"),
  alert: () => actionId("app/(app)/trading/actions.ts", "createPriceAlertAction"),
  openPosition: () => actionId("app/(app)/trading/actions.ts", "openPositionAction"),
};

const call = (who: Session, page: string, id: string, ...args: unknown[]) => callAction(server.url, who.cookie, page, id, args);

async function stream(who: Session, opts?: Parameters<Session["stream"]>[0]): Promise<Stream> {
  const s = await who.stream(opts);
  open.push(s);
  await s.waitFor((e) => e.type === "connection_established");
  return s;
}

/** The same signed-in browser, pointed at the server's new port after a restart. */
function follow(session: Session): Session {
  const moved = new Session(server.url);
  for (const [name, value] of session.jar) moved.jar.set(name, value);
  return moved;
}

const ofType = (s: Stream, type: string) => s.envelopes.filter((e) => e.type === type);
const latestPrice = (s: Stream, symbol: string) =>
  ofType(s, "price_tick").filter((e) => e.data.symbol === symbol).at(-1)?.data.price as number | undefined;

beforeAll(async () => {
  server = await startServer({ env: { HERALD_NFT_STEP_MS: "400", HERALD_PRICE_TICK_MS: "100" } });
  [alice, bob, carol] = await Promise.all([
    signedIn(server.url, "alice@herald.test"),
    signedIn(server.url, "bob@herald.test"),
    signedIn(server.url, "carol@herald.test"),
  ]);
});

afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

afterAll(async () => {
  await server?.stop();
});

describe("admin", () => {
  it("refuses bob's maintenance broadcast; alice's reaches carol live and stays readable afterwards", async () => {
    const carolStream = await stream(carol);
    const input = { message: "Planned database upgrade", startsAt: new Date(Date.now() + 600_000).toISOString(), durationMinutes: 30 };

    const page = await fetch(`${server.url}/admin`, { headers: { cookie: bob.cookie }, redirect: "manual" });
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toContain("/dashboard?denied=admin");

    const refused = await call(bob, "/admin", ids.maintenance(), input);
    expect(refused.result).toEqual({ ok: false, error: { code: "forbidden", message: "Only admins can do this" } });

    const sent = await call(alice, "/admin", ids.maintenance(), input);
    expect(sent.result.ok).toBe(true);
    const event = await carolStream.waitFor((e) => e.type === "system_maintenance");
    expect(event.data).toMatchObject({ startTime: input.startsAt, text: input.message });
    // bob's attempt produced nothing: the only notice carol got is alice's.
    expect(ofType(carolStream, "system_maintenance")).toHaveLength(1);

    const later = await call(carol, "/dashboard", ids.activeMaintenance());
    expect(later.result).toMatchObject({ ok: true, data: { message: input.message, startTime: input.startsAt } });

    const invalid = await call(alice, "/admin", ids.maintenance(), { ...input, durationMinutes: 0 });
    expect(invalid.result).toMatchObject({ ok: false, error: { code: "invalid_request" } });
  });

  it("lets alice post a feature announcement to everyone, and refuses bob", async () => {
    const carolStream = await stream(carol);
    const refused = await call(bob, "/admin", ids.feature(), { message: "Fake pairs" });
    expect(refused.result).toMatchObject({ ok: false, error: { code: "forbidden" } });

    const posted = await call(alice, "/admin", ids.feature(), { message: "New trading pairs available!", pairs: "BONK/USDT, wif/sol" });
    expect(posted.result.ok).toBe(true);
    const event = await carolStream.waitFor((e) => e.type === "feature_announcement");
    expect(event.message).toContain("New trading pairs available!");
    expect(event.data).toEqual({ pairs: ["BONK/USDT", "WIF/SOL"] });
    expect(carolStream.envelopes.filter((e) => e.type === "feature_announcement")).toHaveLength(1);

    const invalid = await call(alice, "/admin", ids.feature(), { message: "Bad pair", pairs: "BONK" });
    expect(invalid.result).toMatchObject({ ok: false, error: { code: "invalid_request" } });
  });
});

describe("NFT mints", () => {
  it("mint a new NFT into the collection, award the collector badge at three, and tell carol's friends", async () => {
    const carolStream = await stream(carol);
    const bobStream = await stream(bob); // carol's friend (demo seed)
    const aliceStream = await stream(alice); // not carol's friend
    const started = await call(carol, "/nft", ids.mint());
    expect(started.result).toMatchObject({ ok: true, data: { kind: "MINT", progress: 0 } });
    const second = await call(carol, "/nft", ids.mint());
    expect(second.result).toMatchObject({ ok: false, error: { code: "conflict" } });

    const minted = await carolStream.waitFor((e) => e.type === "nft_mint_completed", 20_000);
    expect(minted.data).toMatchObject({ upgradeId: started.result.data.id, level: 1 });
    expect(minted.message).toMatch(/Level 1 NFT is ready/);
    const progress = carolStream.envelopes.filter((e) => e.type === "nft_upgrade_status").map((e) => e.data.progress);
    expect(progress.at(-1)).toBe(100);
    await carolStream.waitFor((e) => e.type === "badge_earned" && e.data.badgeId === "collector");

    const mintNews = await bobStream.waitFor((e) => e.type === "friend_activity" && e.data.activity === "nft_mint");
    expect(mintNews).toMatchObject({ category: "social", data: { friendId: "u_carol", nftId: minted.data.nftId } });
    expect(mintNews.message).toMatch(/^Carol minted /);
    await bobStream.waitFor((e) => e.type === "friend_activity" && e.data.activity === "badge" && e.data.badgeId === "collector");
    // A later event to alice: by the time it arrives, carol's news would have too.
    const marker = await api(server.url, "POST", "/api/v1/notifications", { to: "alice@herald.test", type: "feature_announcement", message: "marker", data: {} });
    await aliceStream.waitFor((e) => e.id === marker.body!.id);
    expect(ofType(aliceStream, "friend_activity").filter((e) => e.data.friendId === "u_carol")).toHaveLength(0);
  });
});

describe("NFT upgrades", () => {
  it("stream progress, complete in the collection, award a badge, and resume after a server restart", async () => {
    let bobStream = await stream(bob);
    const started = await call(bob, "/nft", ids.upgrade(), { nftId: "nft_bob_1" });
    expect(started.result).toMatchObject({ ok: true, data: { kind: "UPGRADE", progress: 0, targetLevel: 3 } });
    const jobId = started.result.data.id as string;

    const again = await call(bob, "/nft", ids.upgrade(), { nftId: "nft_bob_1" });
    expect(again.result).toMatchObject({ ok: false, error: { code: "conflict" } });
    const notMine = await call(carol, "/nft", ids.upgrade(), { nftId: "nft_bob_1" });
    expect(notMine.result).toMatchObject({ ok: false, error: { code: "not_found" } });

    const status = (s: Stream) => ofType(s, "nft_upgrade_status").filter((e) => e.data.upgradeId === jobId);
    await bobStream.until(() => status(bobStream).some((e) => (e.data.progress as number) >= 20), 10_000, "progress 20");
    const before = Math.max(...status(bobStream).map((e) => e.data.progress as number));
    expect(before).toBeLessThan(100);

    await server.restart();
    [alice, bob, carol] = [follow(alice), follow(bob), follow(carol)];
    // The old server died mid-upgrade: its stream never saw the end.
    expect(status(bobStream).some((e) => e.data.progress === 100)).toBe(false);
    expect(ofType(bobStream, "nft_upgrade_completed")).toHaveLength(0);
    bobStream = await stream(bob, { lastEventId: "0" });
    const done = await bobStream.waitFor((e) => e.type === "nft_upgrade_completed" && e.data.upgradeId === jobId, 20_000);
    expect(done.data).toMatchObject({ nftId: "nft_bob_1", level: 3 });
    const resumed = status(bobStream).map((e) => e.data.progress as number);
    // Picked up where it stood rather than starting over.
    if (resumed.length > 0) expect(Math.min(...resumed)).toBeGreaterThan(0);
    await bobStream.waitFor((e) => e.type === "badge_earned" && e.data.badgeId === "level_3");
  });
});

describe("trading", () => {
  it("streams ticks only to users whose trading page holds a lease", async () => {
    const [bobStream, carolStream] = [await stream(bob), await stream(carol)];
    const watchId = randomUUID();
    expect((await call(bob, "/trading", ids.watch(), { watchId })).result.ok).toBe(true);
    await bobStream.until(() => ofType(bobStream, "price_tick").length >= 10, 10_000, "ticks");
    const symbols = new Set(ofType(bobStream, "price_tick").map((e) => e.data.symbol));
    expect([...symbols].sort()).toEqual(["BONK", "BTC", "ETH", "SOL", "WIF"]);
    expect(ofType(carolStream, "price_tick")).toHaveLength(0);

    expect((await call(bob, "/trading", ids.unwatch(), { watchId })).result.ok).toBe(true);
    // Carol starts watching: once she has two full ticks (every symbol, twice), the tick that was
    // in flight when bob left has landed; from then on bob gets none while carol gets more.
    const carolWatch = randomUUID();
    expect((await call(carol, "/trading", ids.watch(), { watchId: carolWatch })).result.ok).toBe(true);
    await carolStream.until(() => ofType(carolStream, "price_tick").length >= 10, 10_000, "carol's ticks");
    const after = ofType(bobStream, "price_tick").length;
    const carolAfter = ofType(carolStream, "price_tick").length;
    await carolStream.until(() => ofType(carolStream, "price_tick").length >= carolAfter + 10, 10_000, "more ticks for carol");
    expect(ofType(bobStream, "price_tick").length).toBe(after);
    expect((await call(carol, "/trading", ids.unwatch(), { watchId: carolWatch })).result.ok).toBe(true);

    const bad = await call(bob, "/trading", ids.watch(), { watchId: "not-a-uuid" });
    expect(bad.result).toMatchObject({ ok: false, error: { code: "invalid_request" } });
  });

  it("fires a price alert once when the feed crosses it", async () => {
    const bobStream = await stream(bob);
    await call(bob, "/trading", ids.watch(), { watchId: randomUUID() });
    const price = await bobStream.until(() => latestPrice(bobStream, "ETH"), 10_000, "an ETH tick");
    const created = await call(bob, "/trading", ids.alert(), { symbol: "ETH", target: price * 1.001 });
    expect(created.result.ok).toBe(true);
    const alertId = created.result.data.id as string;
    const fired = (e: Envelope) => e.type === "price_alert" && e.data.alertId === alertId;
    await bobStream.waitFor(fired, 45_000);
    // Ten more ticks (two of every symbol), some on either side of the target: still one alert.
    const ticks = ofType(bobStream, "price_tick").length;
    await bobStream.until(() => ofType(bobStream, "price_tick").length >= ticks + 10, 10_000, "ten more ticks");
    expect(bobStream.envelopes.filter(fired)).toHaveLength(1);

    const invalid = await call(bob, "/trading", ids.alert(), { symbol: "DOGE", target: 1 });
    expect(invalid.result).toMatchObject({ ok: false, error: { code: "invalid_request" } });
  });

  it("closes a position by hand at the current price, once", async () => {
    // Small enough (cents of PnL) not to move bob in the contest, which the next test checks.
    const bobStream = await stream(bob);
    const opened = await call(bob, "/trading", ids.openPosition(), { symbol: "BTC", side: "SHORT", quantity: "0.001", takeProfit: "" });
    expect(opened.result.ok).toBe(true);
    const positionId = opened.result.data.id as string;
    expect((await call(carol, "/trading", ids.closePosition(), { id: positionId })).result).toMatchObject({ ok: false, error: { code: "not_found" } });

    const closed = await call(bob, "/trading", ids.closePosition(), { id: positionId });
    expect(closed.result.ok).toBe(true);
    const update = await bobStream.waitFor((e) => e.type === "position_update" && e.data.positionId === positionId);
    expect(update.data).toMatchObject({ status: "closed", reason: "manual", pnl: closed.result.data.pnl });
    expect((await call(bob, "/trading", ids.closePosition(), { id: positionId })).result).toMatchObject({ ok: false, error: { code: "not_found" } });

    const wrongSide = await call(bob, "/trading", ids.openPosition(), { symbol: "BTC", side: "LONG", quantity: 1, takeProfit: 1 });
    expect(wrongSide.result).toMatchObject({ ok: false, error: { code: "invalid_request", message: "Take profit must be above the entry price" } });
  });

  it("closes a position at its take-profit with the PnL and moves bob up the weekly contest", async () => {
    const [bobStream, aliceStream] = [await stream(bob), await stream(alice)];
    await call(bob, "/trading", ids.watch(), { watchId: randomUUID() });
    let positionId: string | undefined;
    for (let attempt = 0; attempt < 5 && !positionId; attempt++) {
      const price = await bobStream.until(() => latestPrice(bobStream, "SOL"), 10_000, "a SOL tick");
      // A large long with a take-profit just above the price: its profit outranks alice's 210.
      const opened = await call(bob, "/trading", ids.openPosition(), {
        symbol: "SOL",
        side: "LONG",
        quantity: 5_000,
        takeProfit: price * 1.001,
        stopLoss: price * 0.5,
      });
      if (opened.result.ok) positionId = opened.result.data.id as string;
      else expect(opened.result.error?.message).toMatch(/Take profit must be above/); // the price moved past it first
    }
    expect(positionId).toBeDefined();
    const profit = await bobStream.waitFor((e) => e.type === "trading_profit_alert" && e.data.positionId === positionId, 45_000);
    const update = await bobStream.waitFor((e) => e.type === "position_update" && e.data.positionId === positionId);
    expect(update.data).toMatchObject({ status: "closed", reason: "take_profit" });
    expect(update.data.pnl).toBe(profit.data.profit);
    expect(update.data.pnl as number).toBeGreaterThan(200);

    const up = await bobStream.waitFor((e) => e.type === "competition_ranking" && e.data.rank === 1);
    expect(up.message).toMatch(/moved up to #1/);
    const down = await aliceStream.waitFor((e) => e.type === "competition_ranking");
    expect(down.data.rank).toBe(2);
    // Alice is bob's friend: the trade shows in her activity feed.
    const news = await aliceStream.waitFor((e) => e.type === "friend_activity" && e.data.positionId === positionId);
    expect(news).toMatchObject({ data: { friendId: "u_bob", activity: "trade" } });
    expect(news.message).toMatch(/^Bob closed SOL\/USDT with \+?\$/);
    await bobStream.waitFor((e) => e.type === "badge_earned" && e.data.badgeId === "trader_pro");
  });
});
