"use server";
import { userAction } from "@/lib/actions/action";
import { closePosition } from "@/lib/domain/trading/close-position";
import { createPriceAlert } from "@/lib/domain/trading/create-price-alert";
import { deletePriceAlert } from "@/lib/domain/trading/delete-price-alert";
import { openPosition } from "@/lib/domain/trading/open-position";
import { unwatchPrices, watchPrices } from "@/lib/domain/trading/price-watchers";
import { createPriceAlertSchema, openPositionSchema, recordIdSchema } from "@/lib/validations/trading";
import { watchLeaseSchema } from "@/lib/validations/watch";

export const createPriceAlertAction = userAction(createPriceAlertSchema, async (user, input) => {
  const alert = await createPriceAlert(user.id, input);
  return { id: alert.id, direction: alert.direction };
});

export const deletePriceAlertAction = userAction(recordIdSchema, async (user, { id }) => {
  await deletePriceAlert(user.id, id);
  return null;
});

export const openPositionAction = userAction(openPositionSchema, async (user, input) => {
  const position = await openPosition(user.id, input);
  return { id: position.id, entryPrice: position.entryPrice };
});

export const closePositionAction = userAction(recordIdSchema, async (user, { id }) => {
  const closed = await closePosition(user.id, id);
  return { pnl: closed.pnl };
});

/** Held by a mounted trading page: its user receives live price ticks while the lease lasts. */
export const watchPricesAction = userAction(watchLeaseSchema, async (user, { watchId }) => {
  watchPrices(user.id, watchId);
  return null;
});

export const unwatchPricesAction = userAction(watchLeaseSchema, async (user, { watchId }) => {
  unwatchPrices(user.id, watchId);
  return null;
});
