"use client";
// A live line chart of one symbol's recent prices, in plain SVG (no chart library needed for one
// line); screen readers get the summary in its label.
import { formatPrice } from "@/lib/market/symbols";

const W = 640;
const H = 220;
const PAD = 8;

export function PriceChart(props: { symbol: string; prices: number[] }) {
  const { prices } = props;
  const last = prices.at(-1) ?? 0;
  const first = prices[0] ?? last;
  const min = Math.min(...prices);
  const max = Math.max(...prices);
  const span = max - min || last * 0.001 || 1;
  const x = (i: number) => PAD + (i / Math.max(1, prices.length - 1)) * (W - 2 * PAD);
  const y = (p: number) => PAD + (1 - (p - min) / span) * (H - 2 * PAD);
  const points = prices.map((p, i) => `${x(i).toFixed(1)},${y(p).toFixed(1)}`).join(" ");
  const up = last >= first;
  const color = up ? "var(--ok)" : "var(--bad)";
  return (
    <svg
      className="price-chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={`${props.symbol} price over the last ${prices.length} ticks: now ${formatPrice(last)}, low ${formatPrice(min)}, high ${formatPrice(max)}`}
      data-testid="price-chart"
      data-points={prices.length}
    >
      <rect x="0" y="0" width={W} height={H} rx="10" fill="#0c0f14" />
      <polygon points={`${x(0)},${H - PAD} ${points} ${x(prices.length - 1)},${H - PAD}`} fill={color} opacity="0.12" />
      <polyline points={points} fill="none" stroke={color} strokeWidth="2" strokeLinejoin="round" />
      <text x={W - PAD - 4} y={PAD + 14} textAnchor="end" fill="var(--muted)" fontSize="12">
        {formatPrice(max)}
      </text>
      <text x={W - PAD - 4} y={H - PAD - 4} textAnchor="end" fill="var(--muted)" fontSize="12">
        {formatPrice(min)}
      </text>
    </svg>
  );
}
