// Inputs of the social page's actions, shared by its forms and the server.
import { z } from "zod";
import { catalogue } from "@/lib/events/catalogue";

export const CHAT_MAX_LENGTH = 500;

export const friendRequestSchema = z.object({
  email: z.email("Enter your friend's email address").max(254),
});

export const acceptFriendSchema = z.object({ requestId: z.uuid("Unknown friend request") });

export const chatMessageSchema = z.object({
  roomId: z.string().min(1).max(64),
  text: z
    .string()
    .trim()
    .min(1, "Write a message first")
    .max(CHAT_MAX_LENGTH, `Messages are limited to ${CHAT_MAX_LENGTH} characters`),
});
export type ChatMessageInput = z.infer<typeof chatMessageSchema>;

const { nftId, level, badgeId, symbol, pnl, positionId } = catalogue.friend_activity.schema.shape;

/** What a feature reports to a user's friends (an NFT upgrade, a badge, a trade…). */
export const friendActivitySchema = z.object({
  kind: z.enum(["nft_upgrade", "nft_mint", "badge", "trade", "friendship"]),
  /** Completes "<name> …", e.g. "upgraded Genesis Ape to level 4". */
  summary: z.string().trim().min(1).max(200),
  /** Its details, the ones `friend_activity` names in the catalogue. */
  data: z.object({ nftId, level, badgeId, symbol, pnl, positionId }).optional(),
});
export type FriendActivity = z.input<typeof friendActivitySchema>;
