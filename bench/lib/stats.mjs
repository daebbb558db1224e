// Percentiles, medians of repeated runs, and merging the generators' recordings.
import { sleep } from "./options.mjs";

export function round(x, d = 1) {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}

export function percentiles(values) {
  if (values.length === 0) return { p50: null, p95: null, p99: null, max: null };
  const s = Float64Array.from(values).sort();
  const at = (q) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s[s.length - 1] };
}

/** Figure by figure, the median of several runs' results (numbers only; the rest from the first run). */
export function medianOf(results) {
  const walk = (values) => {
    const first = values[0];
    if (typeof first === "number") {
      const s = values.filter((v) => typeof v === "number").sort((a, b) => a - b);
      return s.length % 2 ? s[s.length >> 1] : round((s[s.length / 2 - 1] + s[s.length / 2]) / 2, 2);
    }
    if (first && typeof first === "object" && !Array.isArray(first)) {
      return Object.fromEntries(Object.keys(first).map((k) => [k, walk(values.map((v) => v?.[k]))]));
    }
    return first;
  };
  return walk(results);
}

export function merge(parts) {
  const latencies = [];
  let lastAt = 0;
  let received = 0;
  for (const p of parts) {
    for (const l of p.latencies) latencies.push(l);
    received += p.received;
    lastAt = Math.max(lastAt, p.lastAt);
  }
  return { latencies, received, lastAt, dropped: parts.reduce((a, p) => a + p.dropped, 0) };
}

/** Waits until `expected` receipts are in, or nothing new arrived for `stallMs`. */
export async function settle(gens, expected, stallMs = 10_000) {
  let last = -1;
  let since = Date.now();
  for (;;) {
    const now = (await gens.all({ cmd: "peek" })).reduce((a, p) => a + p.received, 0);
    if (now >= expected) return;
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since > stallMs) return;
    await sleep(100);
  }
}
