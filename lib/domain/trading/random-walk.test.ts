import { describe, expect, it } from "vitest";
import { createWalk } from "./random-walk";
import { basePrices } from "@/lib/market/symbols";

const walk = (seed: number, symbol: "SOL" | "BTC" | "BONK", steps: number) => {
  const w = createWalk({ seed, symbol, base: basePrices[symbol] });
  return Array.from({ length: steps }, () => w.next());
};

describe("the price walk", () => {
  it("gives the same prices for the same seed and symbol", () => {
    expect(walk(7, "SOL", 200)).toEqual(walk(7, "SOL", 200));
  });

  it("differs between seeds and between symbols", () => {
    expect(walk(7, "SOL", 20)).not.toEqual(walk(8, "SOL", 20));
    const sol = walk(7, "SOL", 20).map((p) => p / basePrices.SOL);
    const btc = walk(7, "BTC", 20).map((p) => p / basePrices.BTC);
    expect(sol).not.toEqual(btc);
  });

  it("moves every step and stays positive and near its base over a long run", () => {
    const prices = walk(42, "BONK", 10_000);
    expect(new Set(prices).size).toBeGreaterThan(9_990);
    for (const p of prices) {
      expect(p).toBeGreaterThan(basePrices.BONK * 0.8);
      expect(p).toBeLessThan(basePrices.BONK * 1.25);
    }
  });

  it("crosses a level just above its start again and again (alerts near the price fire)", () => {
    const prices = walk(3, "SOL", 2_000);
    const level = basePrices.SOL * 1.002;
    let crossings = 0;
    for (let i = 1; i < prices.length; i++) if ((prices[i - 1]! < level) !== (prices[i]! < level)) crossings++;
    expect(crossings).toBeGreaterThan(20);
  });
});
