import { describe, expect, it } from "vitest";
import { Throttle } from "./throttle";

describe("Throttle", () => {
  it("lets a key through once per interval, each key on its own", () => {
    const t = new Throttle(1_000);
    expect(t.due("a", 0)).toBe(true);
    expect(t.due("a", 999)).toBe(false);
    expect(t.due("b", 999)).toBe(true);
    expect(t.due("a", 1_000)).toBe(true);
    expect(t.due("a", 1_500)).toBe(false);
  });

  it("forgets the oldest key past its bound (which then runs again: a write too many, never one lost)", () => {
    const t = new Throttle(1_000, 2);
    t.due("a", 0);
    t.due("b", 0);
    t.due("c", 0);
    expect(t.due("a", 1)).toBe(true);
    expect(t.due("c", 1)).toBe(false);
  });
});
