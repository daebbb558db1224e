import { describe, expect, it } from "vitest";
import { SeenIds } from "./seen-ids";

describe("SeenIds", () => {
  it("accepts an id once and refuses its repeats", () => {
    const seen = new SeenIds();
    expect(seen.accept("41")).toBe(true);
    expect(seen.accept("42")).toBe(true);
    expect(seen.accept("41")).toBe(false);
    expect(seen.accept("42")).toBe(false);
  });

  it("forgets the oldest ids past its bound", () => {
    const seen = new SeenIds(3);
    for (const id of ["1", "2", "3", "4"]) seen.accept(id);
    expect(seen.accept("4")).toBe(false);
    expect(seen.accept("1")).toBe(true); // forgotten, so accepted again
  });
});
