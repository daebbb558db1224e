import { describe, expect, it } from "vitest";
import { formatWait, tooManyAttemptsMessage } from "./wait-time";

describe("formatWait", () => {
  it("rounds up to the unit a person would use", () => {
    expect(formatWait(1)).toBe("1 second");
    expect(formatWait(45_000)).toBe("45 seconds");
    expect(formatWait(60_000)).toBe("1 minute");
    expect(formatWait(61_000)).toBe("2 minutes");
    expect(formatWait(15 * 60_000)).toBe("15 minutes");
    expect(formatWait(90 * 60_000)).toBe("2 hours");
    expect(tooManyAttemptsMessage(900_000)).toBe("Too many attempts: try again in 15 minutes.");
  });
});
