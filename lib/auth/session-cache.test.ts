import { describe, expect, it } from "vitest";
import { SessionCache } from "./session-cache";

describe("SessionCache", () => {
  it("knows an active session until its time-to-live or its own expiry, whichever is first", () => {
    const cache = new SessionCache(1_000);
    cache.setActive("a", 10_000, 0);
    cache.setActive("b", 500, 0);
    expect(cache.get("a", 999)).toBe(true);
    expect(cache.get("a", 1_000)).toBeUndefined();
    expect(cache.get("b", 499)).toBe(true);
    expect(cache.get("b", 500)).toBeUndefined();
    expect(cache.get("never-seen", 0)).toBeUndefined();
  });

  it("refuses a revoked session at once, and never re-admits it from a lookup that was in flight", () => {
    const cache = new SessionCache(1_000);
    cache.setActive("a", 10_000, 0);
    cache.revoke("a", 10);
    expect(cache.get("a", 11)).toBe(false);
    cache.setActive("a", 10_000, 12); // a database read that started before the revocation
    expect(cache.get("a", 13)).toBe(false);
    expect(cache.isRevoked("a", 13)).toBe(true);
  });

  it("caches nothing with a time-to-live of 0, and stays within its bound", () => {
    expect((() => { const c = new SessionCache(0); c.setActive("a", 10_000, 0); return c.get("a", 1); })()).toBeUndefined();
    const small = new SessionCache(1_000, 2);
    small.setActive("a", 10_000, 0);
    small.setActive("b", 10_000, 0);
    small.setActive("c", 10_000, 0);
    expect(small.get("a", 1)).toBeUndefined();
    expect(small.get("c", 1)).toBe(true);
  });

  it("forgets and learns nothing while the bus is down, nor from a lookup that began before it came back", () => {
    const cache = new SessionCache(1_000);
    cache.setActive("a", 10_000, 0);
    cache.setTrusted(false);
    expect(cache.get("a", 1)).toBeUndefined();
    cache.setActive("b", 10_000, 2);
    expect(cache.get("b", 3)).toBeUndefined();
    const began = cache.epoch;
    cache.setTrusted(true);
    cache.setActive("c", 10_000, 4, began); // read while the bus was down: a sign-out may have gone unheard
    expect(cache.get("c", 5)).toBeUndefined();
    cache.setActive("c", 10_000, 6);
    expect(cache.get("c", 7)).toBe(true);
  });
});
