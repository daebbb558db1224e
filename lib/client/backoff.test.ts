import { describe, expect, it } from "vitest";
import { reconnectDelay } from "./backoff";

describe("reconnectDelay", () => {
  it("grows exponentially to a cap, with full jitter below it", () => {
    expect(reconnectDelay(0, 1000, 30_000, () => 0.999)).toBe(999);
    expect(reconnectDelay(3, 1000, 30_000, () => 0.999)).toBe(7992);
    expect(reconnectDelay(20, 1000, 30_000, () => 0.999)).toBe(29_970);
    expect(reconnectDelay(5, 1000, 30_000, () => 0)).toBe(0);
  });
});
