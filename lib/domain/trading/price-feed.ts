import "server-only";
// The simulated market of this process: one deterministic walk per symbol, advanced by a ticker
// started at boot. Each tick checks alerts and positions (they fire whether or not anyone
// watches) and streams `price_tick` only to users who have the trading page open.
import { pauseReporter } from "@/lib/db/outage";
import { env } from "@/lib/env";
import { notify } from "@/lib/notify/notify";
import { checkPositions } from "./check-positions";
import { checkPriceAlerts } from "./check-price-alerts";
import { priceWatchers } from "./price-watchers";
import { createWalk, type Walk } from "./random-walk";
import { basePrices, formatPrice, marketSymbols, type MarketSymbol, type Prices } from "./symbols";

const HISTORY = 120;

type Feed = {
  walks: Record<MarketSymbol, Walk>;
  prices: Prices;
  history: Record<MarketSymbol, number[]>;
  timer: ReturnType<typeof setInterval> | null;
  busy: boolean;
};

const store = globalThis as unknown as { heraldPriceFeed?: Feed };
const health = pauseReporter("price feed");

function feed(): Feed {
  if (!store.heraldPriceFeed) {
    const seed = env().HERALD_PRICE_SEED;
    const walks = Object.fromEntries(
      marketSymbols.map((symbol) => [symbol, createWalk({ seed, symbol, base: basePrices[symbol] })]),
    ) as Record<MarketSymbol, Walk>;
    store.heraldPriceFeed = {
      walks,
      prices: { ...basePrices },
      history: Object.fromEntries(marketSymbols.map((s) => [s, [basePrices[s]]])) as Record<MarketSymbol, number[]>,
      timer: null,
      busy: false,
    };
  }
  return store.heraldPriceFeed;
}

export function currentPrices(): Prices {
  return { ...feed().prices };
}

/** The last prices of every symbol, oldest first, for a chart that is not empty on load. */
export function priceHistory(): Record<MarketSymbol, number[]> {
  const h = feed().history;
  return Object.fromEntries(marketSymbols.map((s) => [s, [...h[s]]])) as Record<MarketSymbol, number[]>;
}

/** One step of the market: new prices, live ticks to watchers, then alerts and positions. */
export async function tickMarket(): Promise<void> {
  const f = feed();
  if (f.busy) return; // the previous tick is still settling: skip rather than pile up
  f.busy = true;
  try {
    for (const symbol of marketSymbols) {
      const price = f.walks[symbol].next();
      f.prices[symbol] = price;
      const h = f.history[symbol];
      h.push(price);
      if (h.length > HISTORY) h.shift();
    }
    const prices = { ...f.prices };
    await sendTicks(prices);
    await checkPriceAlerts(prices);
    await checkPositions(prices);
    health.ok();
  } catch (err) {
    health.failed(err);
  } finally {
    f.busy = false;
  }
}

async function sendTicks(prices: Prices): Promise<void> {
  const watchers = priceWatchers();
  if (watchers.length === 0) return;
  const at = new Date().toISOString();
  for (const symbol of marketSymbols) {
    await notify(watchers, {
      type: "price_tick",
      message: `${symbol} ${formatPrice(prices[symbol])}`,
      data: { symbol, price: prices[symbol], at },
    });
  }
}

export function startPriceFeed(): void {
  const f = feed();
  if (f.timer) return;
  f.timer = setInterval(() => void tickMarket(), env().HERALD_PRICE_TICK_MS);
  f.timer.unref();
}

export function stopPriceFeed(): void {
  const f = store.heraldPriceFeed;
  if (f?.timer) clearInterval(f.timer);
  if (f) f.timer = null;
}
