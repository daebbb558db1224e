// NFT / blockchain events.
import { z } from "zod";
import { defineEvent, id, isoDate } from "../definition";

export const nftEvents = {
  nft_upgrade_status: defineEvent({
    category: "nft", priority: "low", durable: false,
    inApp: { toast: false, shownOn: null, feed: false },
    offline: null,
    schema: z.looseObject({
      upgradeId: id,
      progress: z.number().min(0).max(100),
      stage: z.string().optional(),
      /** The NFT being upgraded; null while a mint has not made one yet. */
      nftId: id.nullable().optional(),
      kind: z.enum(["UPGRADE", "MINT"]).optional(),
      /** The level the job ends at. */
      level: z.number().int().optional(),
    }),
  }),
  nft_upgrade_completed: defineEvent({
    category: "nft", priority: "medium", durable: true,
    inApp: { toast: true, shownOn: null, feed: true },
    offline: { atOnce: false, throughQuietHours: false },
    schema: z.looseObject({ upgradeId: id.optional(), nftId: id.optional(), level: z.number().int().optional(), name: z.string().optional() }),
  }),
  nft_mint_completed: defineEvent({
    category: "nft", priority: "medium", durable: true,
    inApp: { toast: true, shownOn: null, feed: true },
    offline: { atOnce: false, throughQuietHours: false },
    schema: z.looseObject({
      nftId: id,
      level: z.number().int().optional(),
      imageUrl: z.string().optional(),
      upgradeId: id.optional(),
      name: z.string().optional(),
    }),
  }),
  badge_earned: defineEvent({
    category: "nft", priority: "low", durable: true,
    inApp: { toast: true, shownOn: null, feed: true },
    offline: { atOnce: false, throughQuietHours: false },
    schema: z.looseObject({ badgeId: z.string().min(1), name: z.string().min(1) }),
  }),

  auction_ending: defineEvent({
    category: "nft", priority: "medium", durable: true,
    inApp: { toast: true, shownOn: null, feed: true },
    offline: { atOnce: false, throughQuietHours: false },
    schema: z.looseObject({ auctionId: id, endsAt: isoDate, nftId: id.optional() }),
  }),
} as const;
