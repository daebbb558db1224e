// Inputs of the trading page's server actions (also used by its forms).
import { z } from "zod";
import { marketSymbols } from "@/lib/market/symbols";

const price = z.coerce.number({ error: "Enter a number" }).finite().positive("Must be above 0").max(1e9);
/** An optional number field: an empty box means "not set". */
const optionalPrice = z.preprocess((v) => (v === "" || v === null ? undefined : v), price.optional());

export const symbolSchema = z.enum(marketSymbols);

export const createPriceAlertSchema = z.object({ symbol: symbolSchema, target: price });
export type CreatePriceAlertInput = z.infer<typeof createPriceAlertSchema>;

export const openPositionSchema = z.object({
  symbol: symbolSchema,
  side: z.enum(["LONG", "SHORT"]),
  quantity: z.coerce.number({ error: "Enter a number" }).finite().positive("Must be above 0").max(1e12),
  takeProfit: optionalPrice,
  stopLoss: optionalPrice,
});
export type OpenPositionInput = z.infer<typeof openPositionSchema>;

export const recordIdSchema = z.object({ id: z.string().min(1).max(64) });
