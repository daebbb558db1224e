import "server-only";
import { prisma } from "@/lib/db/client";
import { HeraldError } from "@/lib/errors";
import { currentPrices } from "./price-feed";
import { settlePosition } from "./settle-position";
import { isMarketSymbol } from "@/lib/market/symbols";

/** Closes the user's open position at the current price. */
export async function closePosition(userId: string, positionId: string) {
  const db = await prisma();
  const position = await db.position.findFirst({ where: { id: positionId, userId, status: "OPEN" } });
  if (!position || !isMarketSymbol(position.symbol)) throw new HeraldError("not_found", "No such open position");
  const closed = await settlePosition(position, currentPrices()[position.symbol], "manual");
  if (!closed) throw new HeraldError("conflict", "This position was just closed");
  return closed;
}
