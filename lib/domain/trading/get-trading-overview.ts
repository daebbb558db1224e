import "server-only";
// Everything the trading page renders for one user, as plain data.
import { prisma } from "@/lib/db/client";
import { contestIdFor } from "./contest-ranking";
import { currentPrices, priceHistory } from "./price-feed";
import { CONTEST_NAME } from "./record-contest-pnl";

export async function getTradingOverview(userId: string, now = new Date()) {
  const db = await prisma();
  const contestId = contestIdFor(now);
  const [alerts, open, closed, entries] = await Promise.all([
    db.priceAlert.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, take: 20 }),
    db.position.findMany({ where: { userId, status: "OPEN" }, orderBy: { openedAt: "desc" } }),
    db.position.findMany({ where: { userId, status: "CLOSED" }, orderBy: { closedAt: "desc" }, take: 10 }),
    db.contestEntry.findMany({
      where: { contestId },
      include: { user: { select: { name: true } } },
      orderBy: [{ rank: "asc" }, { joinedAt: "asc" }],
    }),
  ]);
  return {
    prices: currentPrices(),
    history: priceHistory(),
    alerts: alerts.map((a) => ({
      id: a.id,
      symbol: a.symbol,
      target: a.target,
      direction: a.direction,
      triggeredAt: a.triggeredAt?.toISOString() ?? null,
      triggeredPrice: a.triggeredPrice,
    })),
    positions: [...open, ...closed].map((p) => ({
      id: p.id,
      symbol: p.symbol,
      side: p.side,
      quantity: p.quantity,
      entryPrice: p.entryPrice,
      takeProfit: p.takeProfit,
      stopLoss: p.stopLoss,
      status: p.status,
      exitPrice: p.exitPrice,
      pnl: p.pnl,
      closeReason: p.closeReason,
    })),
    contest: {
      id: contestId,
      name: CONTEST_NAME,
      standings: entries.map((e) => ({ userId: e.userId, name: e.user.name, score: e.score, rank: e.rank, you: e.userId === userId })),
    },
  };
}

export type TradingOverview = Awaited<ReturnType<typeof getTradingOverview>>;
