import { describe, expect, it } from "vitest";
import { exitAt, levelProblem, pnlOf, type PositionLike } from "./positions";

const long: PositionLike = { side: "LONG", quantity: 10, entryPrice: 100, takeProfit: 110, stopLoss: 95 };
const short: PositionLike = { side: "SHORT", quantity: 2, entryPrice: 100, takeProfit: 90, stopLoss: 104 };

describe("positions", () => {
  it("compute PnL for longs and shorts, to the cent", () => {
    expect(pnlOf(long, 103.456)).toBe(34.56);
    expect(pnlOf(short, 103)).toBe(-6);
    expect(pnlOf(short, 90.5)).toBe(19);
  });

  it("hit take-profit with the PnL at the exit price", () => {
    expect(exitAt(long, 109.99)).toBeNull();
    expect(exitAt(long, 110.5)).toEqual({ reason: "take_profit", exitPrice: 110.5, pnl: 105 });
    expect(exitAt(short, 89)).toEqual({ reason: "take_profit", exitPrice: 89, pnl: 22 });
  });

  it("hit stop-loss with a negative PnL", () => {
    expect(exitAt(long, 95)).toEqual({ reason: "stop_loss", exitPrice: 95, pnl: -50 });
    expect(exitAt(short, 104.5)).toEqual({ reason: "stop_loss", exitPrice: 104.5, pnl: -9 });
    expect(exitAt({ ...long, takeProfit: null, stopLoss: null }, 1)).toBeNull();
  });

  it("refuse levels on the wrong side of the entry", () => {
    expect(levelProblem("LONG", 100, 99, null)?.field).toBe("takeProfit");
    expect(levelProblem("LONG", 100, null, 101)?.field).toBe("stopLoss");
    expect(levelProblem("SHORT", 100, 101, null)?.field).toBe("takeProfit");
    expect(levelProblem("SHORT", 100, 90, 110)).toBeNull();
  });
});
