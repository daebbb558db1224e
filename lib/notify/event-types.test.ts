// The catalogue types every event path. The compile-time half is checked by `tsc` (`npm run check`,
// part of `npm test`): each `@ts-expect-error` line must fail to compile, or tsc reports the
// directive as unused. The run-time half is the trigger API's check, with the same schemas.
import { describe, expect, expectTypeOf, it } from "vitest";
import { Dispatcher } from "@/lib/client/dispatcher";
import type { EventData } from "@/lib/events/catalogue";
import { ephemeralEnvelope } from "@/lib/events/envelope";
import { HeraldError } from "@/lib/errors";
import type { broadcast, notify, publishLive } from "./notify";
import { parseEvent } from "./prepare";

// Type-only: these are never called (notify needs a database), only compiled.
declare const send: typeof notify;
declare const sendAll: typeof broadcast;
declare const live: typeof publishLive;

describe("typed events", () => {
  it("a domain caller's wrong event type or data shape does not compile", () => {
    const calls = () => {
      void send(["u"], { type: "price_alert", message: "SOL", data: { symbol: "SOL", price: 180 } });
      void sendAll({ type: "system_maintenance", message: "Soon", data: { startTime: "2026-01-15T02:00:00Z", windowId: "w1", text: "Soon" } });
      void send(["u"], { type: "nft_upgrade_status", message: "Forging", data: { upgradeId: "j1", nftId: null, kind: "MINT", progress: 5, level: 1 } });

      // @ts-expect-error an event type the catalogue does not have
      void send(["u"], { type: "price_alrt", message: "SOL", data: { symbol: "SOL", price: 180 } });
      // @ts-expect-error price is a number
      void send(["u"], { type: "price_alert", message: "SOL", data: { symbol: "SOL", price: "180" } });
      // @ts-expect-error a field price_alert's schema does not name
      void send(["u"], { type: "price_alert", message: "SOL", data: { symbol: "SOL", price: 180, prize: 1 } });
      // @ts-expect-error symbol is required
      void send(["u"], { type: "price_alert", message: "SOL", data: { price: 180 } });
      // @ts-expect-error data is required when the schema has required fields
      void send(["u"], { type: "price_alert", message: "SOL" });
      // @ts-expect-error kind is an NFT job's kind
      void send(["u"], { type: "nft_upgrade_status", message: "Forging", data: { upgradeId: "j1", kind: "BURN", progress: 5 } });
      // @ts-expect-error the stream's own control events are not for notify()
      void send(["u"], { type: "resync", message: "Reload", data: { reason: "x", latestId: null } });
      // @ts-expect-error internal feeds go through publishLive, not broadcast()
      void sendAll({ type: "system_stats", message: "Stats", data: {} });
      // @ts-expect-error a maintenance window starts at an ISO time, given as a string
      void sendAll({ type: "system_maintenance", message: "Soon", data: { startTime: new Date() } });
      // @ts-expect-error publishLive's data is checked against its type too
      void live(["u"], "system_stats", "Stats", { at: 1 });
    };
    expectTypeOf(calls).toBeFunction();
  });

  it("ephemeral envelopes are typed by their event", () => {
    expect(ephemeralEnvelope("price_tick", "SOL", { symbol: "SOL", price: 1 }).type).toBe("price_tick");
    // @ts-expect-error price_tick has no `volume`
    expect(ephemeralEnvelope("price_tick", "SOL", { symbol: "SOL", price: 1, volume: 3 }).data).toMatchObject({ volume: 3 });
  });

  it("the browser's handlers receive typed data", () => {
    const dispatcher = new Dispatcher();
    const seen: EventData<"system_maintenance">[] = [];
    dispatcher.on("system_maintenance", (event) => {
      expectTypeOf(event.data.startTime).toEqualTypeOf<string>();
      expectTypeOf(event.data.windowId).toEqualTypeOf<string | undefined>();
      seen.push(event.data);
    });
    dispatcher.on("nft_upgrade_status", (event) => {
      expectTypeOf(event.data.kind).toEqualTypeOf<"UPGRADE" | "MINT" | undefined>();
      expectTypeOf(event.data.progress).toEqualTypeOf<number>();
    });
    dispatcher.dispatch(ephemeralEnvelope("system_maintenance", "Soon", { startTime: "2026-01-15T02:00:00Z", windowId: "w1" }));
    expect(seen).toEqual([{ startTime: "2026-01-15T02:00:00Z", windowId: "w1" }]);
  });

  it("the trigger API's events are checked at run time with the same schemas", () => {
    const failure = (input: Parameters<typeof parseEvent>[0]) => {
      try {
        parseEvent(input);
      } catch (err) {
        if (err instanceof HeraldError) return err.options.issues?.[0]?.path;
        throw err;
      }
      return "accepted";
    };
    expect(failure({ type: "price_alert", message: "SOL", data: { symbol: "SOL", price: 180, extra: true } })).toBe("accepted");
    expect(failure({ type: "price_alert", message: "SOL", data: { symbol: "SOL", price: "180" } })).toBe("data.price");
    expect(failure({ type: "price_alrt", message: "SOL" })).toBe("type");
    expect(failure({ type: "resync", message: "SOL", data: { reason: "x", latestId: null } })).toBe("type");
    expect(failure({ type: "system_maintenance", message: "Soon", data: { startTime: "tomorrow" } })).toBe("data.startTime");
  });
});
