import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff";

describe("backoffDelay", () => {
  it("grows the ceiling exponentially from the base and caps it", () => {
    const top = (attempt: number) => backoffDelay(attempt, 1000, 30_000, () => 0.999999);
    expect([0, 1, 2, 3, 4].map(top)).toEqual([999, 1999, 3999, 7999, 15999]);
    expect(top(5)).toBe(29_999);
    expect(top(50)).toBe(29_999);
  });

  it("uses full jitter: anywhere from 0 up to the ceiling", () => {
    expect(backoffDelay(3, 1000, 30_000, () => 0)).toBe(0);
    expect(backoffDelay(3, 1000, 30_000, () => 0.5)).toBe(4000);
    const delays = Array.from({ length: 200 }, () => backoffDelay(4, 1000, 30_000));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThan(16_000);
    expect(new Set(delays).size).toBeGreaterThan(50); // browsers do not come back in lockstep
  });

  it("treats a negative retry as the first", () => {
    expect(backoffDelay(-3, 1000, 30_000, () => 0.999999)).toBe(999);
  });
});
