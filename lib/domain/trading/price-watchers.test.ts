import { describe, expect, it } from "vitest";
import { priceWatchers, unwatchPrices, watchPrices } from "./price-watchers";

describe("price tick subscriptions", () => {
  it("reach users while a page holds a lease, and stop when it is released or runs out", () => {
    watchPrices("bob", "tab-1", 0);
    watchPrices("bob", "tab-2", 0);
    watchPrices("carol", "tab-3", 0);
    expect(priceWatchers(1_000).sort()).toEqual(["bob", "carol"]);
    unwatchPrices("bob", "tab-1");
    expect(priceWatchers(1_000)).toContain("bob"); // another tab of bob's still watches
    unwatchPrices("bob", "tab-2");
    expect(priceWatchers(1_000)).toEqual(["carol"]);
    expect(priceWatchers(60_000)).toEqual([]); // carol's tab closed without saying so
  });
});
