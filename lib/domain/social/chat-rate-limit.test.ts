import { describe, expect, it } from "vitest";
import { chatRateDecision } from "./chat-rate-limit";

const rule = { max: 3, windowMs: 10_000 };
const now = new Date("2026-11-27T10:00:10.000Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("chatRateDecision", () => {
  it("lets messages through below the limit", () => {
    expect(chatRateDecision([], now, rule)).toEqual({ ok: true });
    expect(chatRateDecision([ago(1000), ago(2000)], now, rule)).toEqual({ ok: true });
  });

  it("refuses the next message at the limit and says when one may go again", () => {
    expect(chatRateDecision([ago(1000), ago(2000), ago(4000)], now, rule)).toEqual({ ok: false, retryAfterMs: 6000 });
  });

  it("does not count messages older than the window", () => {
    expect(chatRateDecision([ago(1000), ago(2000), ago(10_000), ago(60_000)], now, rule)).toEqual({ ok: true });
  });
});
