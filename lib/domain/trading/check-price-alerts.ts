import "server-only";
// Fires the alerts the current prices cross. Each alert is claimed with a conditional update
// (triggeredAt still null), so it fires exactly once even if two ticks overlap.
import { prisma } from "@/lib/db/client";
import { notify } from "@/lib/notify/notify";
import { dueAlerts } from "./alerts";
import { formatPrice, isMarketSymbol, type Prices } from "./symbols";

export async function checkPriceAlerts(prices: Prices, now = new Date()): Promise<number> {
  const db = await prisma();
  const pending = await db.priceAlert.findMany({ where: { triggeredAt: null } });
  let fired = 0;
  for (const alert of pending) {
    if (!isMarketSymbol(alert.symbol)) continue;
    const price = prices[alert.symbol];
    if (dueAlerts([alert], price).length === 0) continue;
    const claimed = await db.priceAlert.updateMany({
      where: { id: alert.id, triggeredAt: null },
      data: { triggeredAt: now, triggeredPrice: price },
    });
    if (claimed.count !== 1) continue;
    fired++;
    const verb = alert.direction === "ABOVE" ? "📈 rose to" : "📉 fell to";
    await notify(
      [alert.userId],
      {
        type: "price_alert",
        message: `${alert.symbol} ${verb} your target price ${formatPrice(alert.target)}!`,
        data: { symbol: alert.symbol, price, target: alert.target, direction: alert.direction, alertId: alert.id },
      },
      { idempotencyKey: `price_alert:${alert.id}` },
    );
  }
  return fired;
}
