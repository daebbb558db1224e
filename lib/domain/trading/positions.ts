// Positions: profit and loss, and whether a take-profit or stop-loss is hit at a price.
import { roundCents } from "@/lib/market/symbols";

export type Side = "LONG" | "SHORT";
export type PositionLike = {
  side: Side;
  quantity: number;
  entryPrice: number;
  takeProfit: number | null;
  stopLoss: number | null;
};
export type ExitReason = "take_profit" | "stop_loss";
export type Exit = { reason: ExitReason; exitPrice: number; pnl: number };

export function pnlOf(p: Pick<PositionLike, "side" | "quantity" | "entryPrice">, price: number): number {
  const perUnit = p.side === "LONG" ? price - p.entryPrice : p.entryPrice - price;
  return roundCents(perUnit * p.quantity);
}

/** The exit this price triggers, if any. A stop-loss wins if both are somehow crossed. */
export function exitAt(p: PositionLike, price: number): Exit | null {
  const long = p.side === "LONG";
  const stopped = p.stopLoss !== null && (long ? price <= p.stopLoss : price >= p.stopLoss);
  const profited = p.takeProfit !== null && (long ? price >= p.takeProfit : price <= p.takeProfit);
  const reason: ExitReason | null = stopped ? "stop_loss" : profited ? "take_profit" : null;
  return reason ? { reason, exitPrice: price, pnl: pnlOf(p, price) } : null;
}

/** Why a take-profit or stop-loss level makes no sense for the side, or null when it does. */
export function levelProblem(side: Side, entry: number, takeProfit: number | null, stopLoss: number | null) {
  const long = side === "LONG";
  if (takeProfit !== null && (long ? takeProfit <= entry : takeProfit >= entry)) {
    return { field: "takeProfit", message: `Take profit must be ${long ? "above" : "below"} the entry price` };
  }
  if (stopLoss !== null && (long ? stopLoss >= entry : stopLoss <= entry)) {
    return { field: "stopLoss", message: `Stop loss must be ${long ? "below" : "above"} the entry price` };
  }
  return null;
}
