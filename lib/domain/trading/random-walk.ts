// A deterministic, mean-reverting random walk of the log price: the same seed and symbol always
// give the same prices, step by step. Mean reversion keeps each symbol near its base price, so a
// chart looks like a market and a level near the price is crossed again and again.
import type { MarketSymbol } from "@/lib/market/symbols";

export type WalkOptions = {
  seed: number;
  symbol: MarketSymbol;
  base: number;
  /** Pull back towards the base per step (0..1). */
  reversion?: number;
  /** Standard deviation of one step's log return. */
  volatility?: number;
};

/** mulberry32: a tiny, well-distributed 32-bit PRNG. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of the symbol mixed into the seed, so each symbol walks its own path. */
export function seedFor(seed: number, symbol: string): number {
  let h = 0x811c9dc5 ^ seed;
  for (const ch of symbol) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return h >>> 0;
}

export type Walk = { readonly price: number; next(): number };

export function createWalk(opts: WalkOptions): Walk {
  const random = mulberry32(seedFor(opts.seed, opts.symbol));
  const reversion = opts.reversion ?? 0.05;
  const volatility = opts.volatility ?? 0.004;
  const mean = Math.log(opts.base);
  let log = mean;
  // Box–Muller: one standard normal from two uniforms (1 - u keeps log() away from 0).
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return {
    get price() {
      return Math.exp(log);
    },
    next() {
      log += reversion * (mean - log) + volatility * normal();
      return Math.exp(log);
    },
  };
}
