// A user's shard is part of the wire contract: instances of two releases on one Redis must agree on
// it, so these values may never change.
import { describe, expect, it } from "vitest";
import { shardOf } from "./bus-contract";

describe("shardOf", () => {
  it("is 32-bit FNV-1a of the user id, modulo the shard count", () => {
    // FNV-1a's published test vectors: "" → 0x811c9dc5, "a" → 0xe40c292c.
    expect(shardOf("", 2 ** 32)).toBe(0x811c9dc5);
    expect(shardOf("a", 2 ** 32)).toBe(0xe40c292c);
    expect([shardOf("u_bob", 64), shardOf("clx9k2m3n0000abcd", 64), shardOf("clx9k2m3n0000abcd", 1024)]).toEqual([12, 2, 898]);
  });

  it("spreads ids evenly", () => {
    const counts = new Array<number>(64).fill(0);
    for (let i = 0; i < 64_000; i++) counts[shardOf(`user-${i}`, 64)]!++;
    expect(Math.min(...counts)).toBeGreaterThan(900);
    expect(Math.max(...counts)).toBeLessThan(1100);
  });
});
