"use client";
// Live prices for the trading page: holds a lease on the server's tick subscription while
// mounted, and folds `price_tick` events into state at most once a frame.
import { useEffect, useRef, useState } from "react";
import { unwatchPricesAction, watchPricesAction } from "@/app/trading/actions";
import { useRealtimeEvent } from "@/lib/client/realtime";
import { isMarketSymbol, type MarketSymbol, type Prices } from "@/lib/domain/trading/symbols";

const HISTORY = 120;
const RENEW_MS = 10_000;

export function useLivePrices(initial: { prices: Prices; history: Record<MarketSymbol, number[]> }) {
  const [state, setState] = useState(initial);
  const pending = useRef<Partial<Prices>>({});
  const frame = useRef<number | null>(null);

  useEffect(() => {
    const watchId = uuid();
    const renew = () => void watchPricesAction({ watchId }).catch(() => undefined);
    const release = () => void unwatchPricesAction({ watchId }).catch(() => undefined);
    renew();
    const timer = setInterval(renew, RENEW_MS);
    window.addEventListener("pagehide", release);
    return () => {
      clearInterval(timer);
      window.removeEventListener("pagehide", release);
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      release();
    };
  }, []);

  useRealtimeEvent("price_tick", (event) => {
    const { symbol, price } = event.data as { symbol: string; price: number };
    if (!isMarketSymbol(symbol)) return;
    pending.current[symbol] = price;
    frame.current ??= requestAnimationFrame(() => {
      frame.current = null;
      const ticks = pending.current;
      pending.current = {};
      setState((s) => {
        const prices = { ...s.prices, ...ticks };
        const history = { ...s.history };
        for (const [sym, p] of Object.entries(ticks) as [MarketSymbol, number][]) history[sym] = [...history[sym], p].slice(-HISTORY);
        return { prices, history };
      });
    });
  });

  return state;
}

/** A v4 UUID that also works outside secure contexts (plain-HTTP LAN demos lack randomUUID). */
function uuid(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
