import { describe, expect, it } from "vitest";
import { spreadDelays, spreadRetryHints } from "./reconnect-spread";

/** A seeded generator, so a failure is reproducible. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe("spreadDelays", () => {
  it("spreads the reconnects of a stopping process at the given rate after the base wait", () => {
    const delays = spreadDelays(1000, { baseMs: 250, perSecond: 100, random: seeded(1) });
    expect(delays).toHaveLength(1000);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(250);
    expect(Math.max(...delays)).toBeLessThan(250 + 10_000);
    // No second gets more than its share: at 100/s, each 1 s window holds about 100 reconnects.
    const perSecond = new Map<number, number>();
    for (const d of delays) perSecond.set(Math.floor((d - 250) / 1000), (perSecond.get(Math.floor((d - 250) / 1000)) ?? 0) + 1);
    expect([...perSecond.keys()].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const n of perSecond.values()) expect(n).toBeLessThanOrEqual(101);
  });

  it("gives each stream its own slot, in shuffled order", () => {
    const delays = spreadDelays(500, { baseMs: 250, perSecond: 50, random: seeded(7) });
    const slots = delays.map((d) => Math.floor((d - 250) / 20));
    expect(new Set(slots).size).toBe(500);
    expect(slots).not.toEqual([...slots].sort((a, b) => a - b));
  });

  it("a single stream comes back just after the base wait", () => {
    const [only] = spreadDelays(1, { baseMs: 250, perSecond: 100 });
    expect(only).toBeGreaterThanOrEqual(250);
    expect(only).toBeLessThan(260);
  });
});

describe("spreadRetryHints", () => {
  it("writes one retry frame per stream, and a late one for streams beyond the count", () => {
    const next = spreadRetryHints(2, { baseMs: 250, perSecond: 10, random: () => 0 });
    const text = () => new TextDecoder().decode(next());
    expect([text(), text()].sort()).toEqual(["retry: 250\n\n", "retry: 350\n\n"]);
    expect(text()).toBe("retry: 550\n\n");
  });
});
