import "server-only";
// Closes open positions whose take-profit or stop-loss the current prices hit.
import { prisma } from "@/lib/db/client";
import { exitAt } from "./positions";
import { settlePosition } from "./settle-position";
import { isMarketSymbol, type Prices } from "@/lib/market/symbols";

export async function checkPositions(prices: Prices): Promise<number> {
  const db = await prisma();
  const open = await db.position.findMany({
    where: { status: "OPEN", OR: [{ takeProfit: { not: null } }, { stopLoss: { not: null } }] },
  });
  let closed = 0;
  for (const position of open) {
    if (!isMarketSymbol(position.symbol)) continue;
    const exit = exitAt(position, prices[position.symbol]);
    if (exit && (await settlePosition(position, exit.exitPrice, exit.reason))) closed++;
  }
  return closed;
}
