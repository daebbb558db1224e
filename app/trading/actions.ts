"use server";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { requireUser } from "@/lib/auth/viewer";
import { closePosition } from "@/lib/domain/trading/close-position";
import { createPriceAlert } from "@/lib/domain/trading/create-price-alert";
import { deletePriceAlert } from "@/lib/domain/trading/delete-price-alert";
import { openPosition } from "@/lib/domain/trading/open-position";
import { unwatchPrices, watchPrices } from "@/lib/domain/trading/price-watchers";
import {
  createPriceAlertSchema,
  openPositionSchema,
  recordIdSchema,
} from "@/lib/validations/trading";
import { watchLeaseSchema } from "@/lib/validations/watch";

export async function createPriceAlertAction(input: unknown): Promise<ActionResult<{ id: string; direction: string }>> {
  return runAction(async () => {
    const user = await requireUser();
    const alert = await createPriceAlert(user.id, createPriceAlertSchema.parse(input));
    return { id: alert.id, direction: alert.direction };
  });
}

export async function deletePriceAlertAction(input: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const user = await requireUser();
    await deletePriceAlert(user.id, recordIdSchema.parse(input).id);
    return null;
  });
}

export async function openPositionAction(input: unknown): Promise<ActionResult<{ id: string; entryPrice: number }>> {
  return runAction(async () => {
    const user = await requireUser();
    const position = await openPosition(user.id, openPositionSchema.parse(input));
    return { id: position.id, entryPrice: position.entryPrice };
  });
}

export async function closePositionAction(input: unknown): Promise<ActionResult<{ pnl: number }>> {
  return runAction(async () => {
    const user = await requireUser();
    const closed = await closePosition(user.id, recordIdSchema.parse(input).id);
    return { pnl: closed.pnl };
  });
}

/** Held by a mounted trading page: its user receives live price ticks while the lease lasts. */
export async function watchPricesAction(input: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const user = await requireUser();
    watchPrices(user.id, watchLeaseSchema.parse(input).watchId);
    return null;
  });
}

export async function unwatchPricesAction(input: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const user = await requireUser();
    unwatchPrices(user.id, watchLeaseSchema.parse(input).watchId);
    return null;
  });
}
