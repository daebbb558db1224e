import "server-only";
// Closes one position at a price (take-profit, stop-loss or by hand): claims it, tells its owner
// with the PnL, and books the PnL in the weekly contest.
import { tellFriends } from "@/lib/domain/social/record-friend-activity";
import type { Position } from "@prisma/client";
import { prisma } from "@/lib/db/client";
import { notify } from "@/lib/notify/notify";
import { awardBadge } from "@/lib/domain/nft/award-badge";
import { recordContestPnl } from "./record-contest-pnl";
import { pnlOf, type ExitReason } from "./positions";
import { formatPrice, formatUsd } from "@/lib/market/symbols";

export type PositionCloseReason = ExitReason | "manual";

const reasonText: Record<PositionCloseReason, string> = {
  take_profit: "take profit hit",
  stop_loss: "stop loss hit",
  manual: "closed by you",
};

/** Returns the closed position, or null when someone else closed it first. */
export async function settlePosition(position: Position, exitPrice: number, reason: PositionCloseReason, now = new Date()) {
  const db = await prisma();
  const pnl = pnlOf(position, exitPrice);
  const claimed = await db.position.updateMany({
    where: { id: position.id, status: "OPEN" },
    data: { status: "CLOSED", exitPrice, pnl, closeReason: reason, closedAt: now },
  });
  if (claimed.count !== 1) return null;

  const { id, userId, symbol } = position;
  const once = (what: string) => ({ idempotencyKey: `position:${id}:${what}` });
  if (reason === "take_profit") {
    await notify(
      [userId],
      {
        type: "trading_profit_alert",
        message: `💰 Take profit target reached on ${symbol}: ${formatUsd(pnl)}`,
        data: { symbol: `${symbol}/USDT`, profit: pnl, positionId: id, exitPrice },
      },
      once("profit"),
    );
    await awardBadge(userId, { badgeId: "trader_pro", name: "Trading Pro" });
  } else if (reason === "stop_loss") {
    await notify(
      [userId],
      {
        type: "trading_alert",
        message: `🛑 Stop loss hit on ${symbol}: ${formatUsd(pnl)}`,
        data: { symbol: `${symbol}/USDT`, profit: pnl, positionId: id, exitPrice },
      },
      once("stop"),
    );
  }
  await notify(
    [userId],
    {
      type: "position_update",
      message: `${symbol} ${position.side.toLowerCase()} closed at ${formatPrice(exitPrice)} (${reasonText[reason]}): ${formatUsd(pnl)}`,
      data: { positionId: id, pnl, status: "closed", reason, symbol, exitPrice },
    },
    once("closed"),
  );
  await tellFriends(userId, {
    kind: "trade",
    summary: `closed ${symbol}/USDT ${pnl >= 0 ? "with" : "at"} ${formatUsd(pnl)} (${reasonText[reason]})`,
    data: { symbol: `${symbol}/USDT`, pnl, positionId: id },
  });
  await recordContestPnl(userId, pnl, now);
  return { ...position, status: "CLOSED" as const, exitPrice, pnl, closeReason: reason, closedAt: now };
}
