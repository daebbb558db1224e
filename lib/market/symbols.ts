// The simulated market: its symbols, where each price starts, and how prices are written.
// Below every layer (validations, domain, components import it); imports nothing of ours.
// Shared by server and browser (no server imports).
export const marketSymbols = ["SOL", "BTC", "ETH", "BONK", "WIF"] as const;
export type MarketSymbol = (typeof marketSymbols)[number];

export const basePrices: Record<MarketSymbol, number> = {
  SOL: 180,
  BTC: 97_000,
  ETH: 3_400,
  BONK: 0.000032,
  WIF: 2.4,
};

export type Prices = Record<MarketSymbol, number>;

export function isMarketSymbol(value: string): value is MarketSymbol {
  return (marketSymbols as readonly string[]).includes(value);
}

/** Enough significant digits for any of the symbols (BONK trades at fractions of a cent). */
export function formatPrice(price: number): string {
  if (price >= 1000) return price.toLocaleString("en-US", { maximumFractionDigits: 2, minimumFractionDigits: 2 });
  if (price >= 1) return price.toFixed(price >= 100 ? 2 : 4);
  return price.toPrecision(4);
}

export function formatUsd(amount: number): string {
  const sign = amount < 0 ? "-" : amount > 0 ? "+" : "";
  return `${sign}$${Math.abs(amount).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** Money is kept to the cent in events and the contest. */
export function roundCents(amount: number): number {
  return Math.round(amount * 100) / 100;
}
