import { describe, expect, it } from "vitest";
import { Horizon } from "./horizon";

describe("Horizon: the xmin below which every event has reached this instance", () => {
  it("answers the start value until an event published the lag earlier is known", () => {
    const h = new Horizon(100n, 1000);
    expect(h.next(10_000, 120n, "e", 120n)).toBe(100n);
    expect(h.next(10_500, 130n, "e", 130n)).toBe(100n);
    expect(h.current).toBe(100n);
  });

  it("takes the largest insert xmin of the events published at least the lag before", () => {
    const h = new Horizon(100n, 1000);
    h.next(10_000, 120n, "e", 120n);
    h.next(10_500, 130n, "e", 130n);
    expect(h.next(11_000, 140n, "e", 140n)).toBe(120n); // 10,000 is 1,000 before
    expect(h.next(11_600, 150n, "e", 150n)).toBe(130n);
    expect(h.current).toBe(130n);
  });

  it("goes by publish times, not arrival: a late-stamped event does not move it back, an early one waits", () => {
    const h = new Horizon(100n, 1000);
    h.next(10_000, 120n, "e", 120n);
    expect(h.next(12_000, 160n, "e", 160n)).toBe(120n);
    // Published earlier on another instance's clock, delivered after: the horizon stays.
    expect(h.next(9_000, 90n, "e", 90n)).toBe(120n);
    expect(h.next(13_000, 170n, "e", 170n)).toBe(160n);
  });

  it("keeps one sample per short window however many events arrive, and still folds them", () => {
    const h = new Horizon(1n, 1000);
    for (let i = 0; i < 10_000; i++) h.next(10_000 + i / 100, BigInt(100 + i), String(i), BigInt(100 + i)); // 10,000 events in 100 ms
    expect([...h["samples"]]).toHaveLength(1);
    expect(h.next(11_200, 1n, "e", 1n)).toBe(10_099n);
  });

  it("remembers the events received above the horizon, and only those", () => {
    const h = new Horizon(100n, 1000);
    h.next(10_000, 110n, "1", 120n);
    h.next(10_100, 112n, "2", 105n);
    expect(h.arrived()).toEqual({ below: 100n, ids: new Set(["1", "2"]) });
    h.next(11_500, 150n, "3", 160n); // the horizon moves to 112: event 2 (transaction 105) is below it
    expect(h.arrived()).toEqual({ below: 112n, ids: new Set(["1", "3"]) });
  });

  it("tells which of two events it received first, while it remembers both", () => {
    const h = new Horizon(100n, 1000);
    h.next(10_000, 110n, "7", 120n);
    h.next(10_001, 111n, "5", 125n); // a smaller id, later on the bus
    expect(h.before("7", "5")).toBe(true);
    expect(h.before("5", "7")).toBe(false);
    expect(h.before("3", "5")).toBe(false); // never seen here: cannot tell
  });
});
