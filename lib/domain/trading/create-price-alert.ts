import "server-only";
import { prisma } from "@/lib/db/client";
import { HeraldError } from "@/lib/errors";
import type { CreatePriceAlertInput } from "@/lib/validations/trading";
import { directionFor } from "./alerts";
import { currentPrices } from "./price-feed";

const MAX_PENDING = 20;

/** An alert on the side of the current price the target lies; it fires once when crossed. */
export async function createPriceAlert(userId: string, input: CreatePriceAlertInput) {
  const db = await prisma();
  const pending = await db.priceAlert.count({ where: { userId, triggeredAt: null } });
  if (pending >= MAX_PENDING) {
    throw new HeraldError("conflict", `You can have at most ${MAX_PENDING} waiting alerts; delete one first`);
  }
  const current = currentPrices()[input.symbol];
  return db.priceAlert.create({
    data: { userId, symbol: input.symbol, target: input.target, direction: directionFor(input.target, current) },
  });
}
