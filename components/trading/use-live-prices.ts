"use client";
// Live prices for the trading page: holds a lease on the server's tick subscription while
// mounted, and folds `price_tick` events into state at most once a frame.
import { useEffect, useRef, useState } from "react";
import { unwatchPricesAction, watchPricesAction } from "@/app/(app)/trading/actions";
import { useLease } from "@/lib/client/use-lease";
import { useRealtimeEvent } from "@/lib/client/realtime";
import { isMarketSymbol, marketSymbols, type MarketSymbol, type Prices } from "@/lib/market/symbols";

const HISTORY = 120;

export function useLivePrices(initial: { prices: Prices; history: Record<MarketSymbol, number[]> }) {
  const [state, setState] = useState(initial);
  const pending = useRef<Partial<Prices>>({});
  const frame = useRef<number | null>(null);

  useLease(watchPricesAction, unwatchPricesAction);
  useEffect(() => () => void (frame.current !== null && cancelAnimationFrame(frame.current)), []);

  useRealtimeEvent("price_tick", (event) => {
    const { symbol, price } = event.data;
    if (!isMarketSymbol(symbol)) return;
    pending.current[symbol] = price;
    frame.current ??= requestAnimationFrame(() => {
      frame.current = null;
      const ticks = pending.current;
      pending.current = {};
      setState((s) => {
        const prices = { ...s.prices, ...ticks };
        const history = { ...s.history };
        for (const sym of marketSymbols) {
          const p = ticks[sym];
          if (p !== undefined) history[sym] = [...history[sym], p].slice(-HISTORY);
        }
        return { prices, history };
      });
    });
  });

  return state;
}
