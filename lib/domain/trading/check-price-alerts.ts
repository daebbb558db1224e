import "server-only";
// Fires the alerts the current prices cross. Each alert's notification carries the alert's
// idempotency key and the alert is then marked with a conditional update (triggeredAt still null),
// so it fires exactly once even if two ticks overlap or one fails half-way.
import { prisma } from "@/lib/db/client";
import { notify } from "@/lib/notify/notify";
import { dueAlerts } from "./alerts";
import { formatPrice, isMarketSymbol, type Prices } from "@/lib/market/symbols";

export async function checkPriceAlerts(prices: Prices, now = new Date()): Promise<number> {
  const db = await prisma();
  const pending = await db.priceAlert.findMany({ where: { triggeredAt: null } });
  let fired = 0;
  for (const alert of pending) {
    if (!isMarketSymbol(alert.symbol)) continue;
    const price = prices[alert.symbol];
    if (dueAlerts([alert], price).length === 0) continue;
    // Notify first, then mark the alert fired: the idempotency key makes a repeat (a tick that
    // failed between the two, or another instance's tick) return the first notification, while
    // marking first would lose the alert if the notification then failed (the database went away).
    const verb = alert.direction === "ABOVE" ? "📈 rose to" : "📉 fell to";
    const sent = await notify(
      [alert.userId],
      {
        type: "price_alert",
        message: `${alert.symbol} ${verb} your target price ${formatPrice(alert.target)}!`,
        data: { symbol: alert.symbol, price, target: alert.target, direction: alert.direction, alertId: alert.id },
      },
      { idempotencyKey: `price_alert:${alert.id}` },
    );
    const claimed = await db.priceAlert.updateMany({
      where: { id: alert.id, triggeredAt: null },
      data: { triggeredAt: now, triggeredPrice: price },
    });
    if (claimed.count === 1 && !sent.repeated) fired++;
  }
  return fired;
}
