import { describe, expect, it } from "vitest";
import { z } from "zod";
import { catalogue, emittableTypes, eventTypes, offlineRulesOf } from "./catalogue";
import { defineEvent } from "./definition";

// The seed document's example payloads, exactly as written there.
const seedExamples: [keyof typeof catalogue, Record<string, unknown>][] = [
  ["nft_upgrade_status", { upgradeId: "123", progress: 75 }],
  ["nft_mint_completed", { nftId: "abc", level: 3, imageUrl: "..." }],
  ["badge_earned", { badgeId: "trader_pro", name: "Trading Pro" }],
  ["trading_alert", { symbol: "SOL/USDT", profit: 150.5 }],
  ["price_alert", { symbol: "SOL", price: 180.0 }],
  ["position_update", { positionId: "456", pnl: 75.25 }],
  ["friend_activity", { friendId: "user123", activity: "nft_upgrade" }],
  ["chat_message", { roomId: "trading", sender: "Alice", text: "SOL looking bullish!" }],
  ["competition_ranking", { rank: 5, contest: "weekly_trader" }],
  ["system_maintenance", { startTime: "2025-01-15T02:00:00Z" }],
  ["feature_announcement", { pairs: ["BONK/USDT", "WIF/SOL"] }],
  ["nft_upgrade_completed", {}],
  ["trading_profit_alert", {}],
];

describe("event catalogue", () => {
  it.each(seedExamples)("accepts the seed's example data for %s", (type, data) => {
    expect(catalogue[type].schema.safeParse(data).success).toBe(true);
  });

  it("covers the security and account kinds", () => {
    expect(catalogue.security_alert.schema.safeParse({ kind: "new_device", device: "iPhone" }).success).toBe(true);
    expect(catalogue.transaction_alert.schema.safeParse({ transactionId: "t1", amount: 5000, currency: "USDT" }).success).toBe(true);
    expect(catalogue.auction_ending.schema.safeParse({ auctionId: "a1", endsAt: "2026-01-01T00:00:00Z" }).success).toBe(true);
    expect(catalogue.security_alert.priority).toBe("high");
  });

  it("rejects data that breaks a type's schema", () => {
    expect(catalogue.price_alert.schema.safeParse({ symbol: "SOL", price: "lots" }).success).toBe(false);
    expect(catalogue.nft_upgrade_status.schema.safeParse({ upgradeId: "1", progress: 150 }).success).toBe(false);
    expect(catalogue.system_maintenance.schema.safeParse({ startTime: "tomorrow" }).success).toBe(false);
  });

  it("keeps fields it does not know", () => {
    expect(catalogue.badge_earned.schema.parse({ badgeId: "b", name: "B", rarity: "epic" })).toMatchObject({ rarity: "epic" });
  });

  it("does not let callers emit the stream's own control events", () => {
    expect(emittableTypes).not.toContain("connection_established");
    expect(emittableTypes).not.toContain("resync");
    expect(emittableTypes).not.toContain("account_email");
    expect(emittableTypes).not.toContain("system_stats");
    expect(emittableTypes).toContain("security_alert");
  });

  it("gives every type a category and a default priority", () => {
    for (const def of Object.values(catalogue)) {
      expect(["nft", "trading", "social", "system"]).toContain(def.category);
      expect(["low", "medium", "high"]).toContain(def.priority);
    }
  });

  it("holds each type's rules: what toasts, which page shows it instead, what goes at once or through quiet hours", () => {
    const quiet = eventTypes.filter((t) => !catalogue[t].inApp.toast);
    expect(quiet.sort()).toEqual(["account_email", "connection_established", "nft_upgrade_status", "notifications_read", "price_tick", "resync", "system_stats"]);
    expect(eventTypes.filter((t) => catalogue[t].inApp.shownOn === "/social").sort()).toEqual(["chat_message", "friend_activity"]);
    expect(catalogue.resync.inApp.feed).toBe(true);
    expect(eventTypes.filter((t) => offlineRulesOf(t)?.atOnce)).toEqual(["security_alert"]);
    expect(eventTypes.filter((t) => offlineRulesOf(t)?.throughQuietHours).sort()).toEqual(["security_alert", "transaction_alert"]);
    // Every stored event a caller can send has offline rules; a live one never goes offline.
    for (const t of emittableTypes) expect(catalogue[t].offline === null).toBe(!catalogue[t].durable);
    expect(offlineRulesOf("no_such_type")).toBeNull();
  });

  it("does not compile an entry that leaves a rule out", () => {
    const data = z.looseObject({});
    const inApp = { toast: true, shownOn: null, feed: true } as const;
    const entries = [
      // @ts-expect-error a stored event needs its offline rules
      defineEvent({ category: "nft", priority: "low", durable: true, inApp, schema: data }),
      // @ts-expect-error … all of them
      defineEvent({ category: "nft", priority: "low", durable: true, inApp, offline: { atOnce: false }, schema: data }),
      // @ts-expect-error … and a stored event for notify() cannot opt out of them
      defineEvent({ category: "nft", priority: "low", durable: true, inApp, offline: null, schema: data }),
      // @ts-expect-error every entry says how a tab shows it
      defineEvent({ category: "nft", priority: "low", durable: false, offline: null, schema: data }),
      // @ts-expect-error a page the app does not have
      defineEvent({ category: "nft", priority: "low", durable: false, offline: null, inApp: { ...inApp, shownOn: "/socal" }, schema: data }),
    ];
    expect(entries).toHaveLength(5);
  });
});
