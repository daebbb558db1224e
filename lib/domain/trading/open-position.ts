import "server-only";
// Opens a position at the current simulated price and enters its owner in this week's contest.
import { prisma } from "@/lib/db/client";
import { HeraldError } from "@/lib/errors";
import type { OpenPositionInput } from "@/lib/validations/trading";
import { levelProblem } from "./positions";
import { currentPrices } from "./price-feed";
import { recordContestPnl } from "./record-contest-pnl";

export async function openPosition(userId: string, input: OpenPositionInput) {
  const entryPrice = currentPrices()[input.symbol];
  const takeProfit = input.takeProfit ?? null;
  const stopLoss = input.stopLoss ?? null;
  const problem = levelProblem(input.side, entryPrice, takeProfit, stopLoss);
  if (problem) throw new HeraldError("invalid_request", problem.message, { issues: [{ path: problem.field, message: problem.message }] });
  const db = await prisma();
  const position = await db.position.create({
    data: { userId, symbol: input.symbol, side: input.side, quantity: input.quantity, entryPrice, takeProfit, stopLoss },
  });
  await recordContestPnl(userId, 0);
  return position;
}
