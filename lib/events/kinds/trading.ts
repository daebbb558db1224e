// Trading / financial events.
import { z } from "zod";
import { defineEvent, id, isoDate, money } from "../definition";

export const tradingEvents = {
  trading_alert: defineEvent({
    category: "trading", priority: "high", durable: true,
    inApp: { toast: true, shownOn: null, feed: true },
    offline: { atOnce: false, throughQuietHours: false },
    schema: z.looseObject({ symbol: z.string().min(1), profit: money.optional(), positionId: id.optional(), exitPrice: money.optional() }),
  }),
  trading_profit_alert: defineEvent({
    category: "trading", priority: "high", durable: true,
    inApp: { toast: true, shownOn: null, feed: true },
    offline: { atOnce: false, throughQuietHours: false },
    schema: z.looseObject({
      symbol: z.string().min(1).optional(),
      profit: money.optional(),
      positionId: id.optional(),
      exitPrice: money.optional(),
    }),
  }),
  price_alert: defineEvent({
    category: "trading", priority: "high", durable: true,
    inApp: { toast: true, shownOn: null, feed: true },
    offline: { atOnce: false, throughQuietHours: false },
    schema: z.looseObject({
      symbol: z.string().min(1),
      price: money,
      target: money.optional(),
      direction: z.enum(["ABOVE", "BELOW"]).optional(),
      alertId: id.optional(),
    }),
  }),
  price_tick: defineEvent({
    category: "trading", priority: "low", durable: false,
    inApp: { toast: false, shownOn: null, feed: false },
    offline: null,
    schema: z.looseObject({ symbol: z.string().min(1), price: money, at: isoDate.optional() }),
  }),
  position_update: defineEvent({
    category: "trading", priority: "medium", durable: true,
    inApp: { toast: true, shownOn: null, feed: true },
    offline: { atOnce: false, throughQuietHours: false },
    schema: z.looseObject({
      positionId: id,
      pnl: money.optional(),
      status: z.string().optional(),
      /** Why it closed: take_profit, stop_loss or manual. */
      reason: z.string().optional(),
      symbol: z.string().min(1).optional(),
      exitPrice: money.optional(),
    }),
  }),

  transaction_alert: defineEvent({
    category: "trading", priority: "high", durable: true,
    inApp: { toast: true, shownOn: null, feed: true },
    offline: { atOnce: false, throughQuietHours: true },
    schema: z.looseObject({
      transactionId: id,
      kind: z.string().default("withdrawal"),
      amount: money,
      currency: z.string().min(1),
      status: z.string().optional(),
    }),
  }),
} as const;
