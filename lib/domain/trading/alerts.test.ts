import { describe, expect, it } from "vitest";
import { directionFor, dueAlerts, isCrossed, type AlertLike } from "./alerts";

describe("price alerts", () => {
  it("watch the side of the price the target is on", () => {
    expect(directionFor(200, 180)).toBe("ABOVE");
    expect(directionFor(150, 180)).toBe("BELOW");
    expect(isCrossed({ target: 200, direction: "ABOVE" }, 199.99)).toBe(false);
    expect(isCrossed({ target: 200, direction: "ABOVE" }, 200)).toBe(true);
    expect(isCrossed({ target: 150, direction: "BELOW" }, 150.01)).toBe(false);
    expect(isCrossed({ target: 150, direction: "BELOW" }, 149)).toBe(true);
  });

  it("fire once when crossed, not again while the price stays beyond or crosses back", () => {
    const alert: AlertLike = { target: 200, direction: directionFor(200, 190), triggeredAt: null };
    const fired: number[] = [];
    for (const price of [195, 199, 201, 205, 198, 202, 210]) {
      for (const a of dueAlerts([alert], price)) {
        a.triggeredAt = new Date();
        fired.push(price);
      }
    }
    expect(fired).toEqual([201]);
  });
});
