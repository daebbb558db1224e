// Social / community events.
import { z } from "zod";
import { defineEvent, id, isoDate, money } from "../definition";

export const socialEvents = {
  friend_activity: defineEvent({
    category: "social", priority: "low", durable: true,
    inApp: { toast: true, shownOn: "/social", feed: true },
    offline: { atOnce: false, throughQuietHours: false },
    schema: z.looseObject({
      friendId: id,
      /** What they did: nft_upgrade, nft_mint, badge, trade, friendship (any text from the trigger API). */
      activity: z.string().min(1),
      friendName: z.string().optional(),
      // The details of the activity, as its feature tells them.
      nftId: id.optional(),
      level: z.number().int().optional(),
      badgeId: z.string().optional(),
      symbol: z.string().optional(),
      pnl: money.optional(),
      positionId: id.optional(),
    }),
  }),
  chat_message: defineEvent({
    category: "social", priority: "medium", durable: true,
    inApp: { toast: true, shownOn: "/social", feed: true },
    offline: { atOnce: false, throughQuietHours: false },
    schema: z.looseObject({
      roomId: id,
      sender: z.string().min(1),
      text: z.string().min(1).max(2000),
      roomName: z.string().optional(),
      /** The stored message's id (a chat posted through the app; absent from the trigger API). */
      messageId: z.string().optional(),
      senderId: z.string().optional(),
      at: isoDate.optional(),
    }),
  }),
  friend_request: defineEvent({
    category: "social", priority: "low", durable: true,
    inApp: { toast: true, shownOn: null, feed: true },
    offline: { atOnce: false, throughQuietHours: false },
    schema: z.looseObject({ requestId: id, fromId: id, status: z.enum(["pending", "accepted"]) }),
  }),
  competition_ranking: defineEvent({
    category: "social", priority: "low", durable: true,
    inApp: { toast: true, shownOn: null, feed: true },
    offline: { atOnce: false, throughQuietHours: false },
    schema: z.looseObject({ rank: z.number().int().min(1), contest: z.string().min(1), previousRank: z.number().int().min(1).nullable().optional() }),
  }),

} as const;
