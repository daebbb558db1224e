import { describe, expect, it } from "vitest";
import { ReceivedIds } from "./received-ids";

describe("ReceivedIds", () => {
  it("accepts an id once and refuses its repeats", () => {
    const received = new ReceivedIds();
    expect(received.accept("41")).toBe(true);
    expect(received.accept("42")).toBe(true);
    expect(received.accept("41")).toBe(false);
    expect(received.accept("42")).toBe(false);
  });

  it("forgets the oldest ids past its bound", () => {
    const received = new ReceivedIds(3);
    for (const id of ["1", "2", "3", "4"]) received.accept(id);
    expect(received.accept("4")).toBe(false);
    expect(received.accept("1")).toBe(true); // forgotten, so accepted again
  });
});
