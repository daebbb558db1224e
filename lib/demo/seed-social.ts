// Demo data for the social page and the notification center: alice↔bob and bob↔carol are
// friends, the Trading Room (alice, bob, carol) has a little history, and everyone has a few
// notifications. Idempotent: rows are keyed so a restart adds nothing twice.
import type { Prisma, PrismaClient } from "@prisma/client";

const TRADING_ROOM = { id: "trading", name: "Trading Room" };
const MEMBERS = ["u_alice", "u_bob", "u_carol"];
const FRIENDS: [string, string][] = [
  ["u_alice", "u_bob"],
  ["u_bob", "u_carol"],
];
const MESSAGES: [string, string][] = [
  ["u_alice", "Morning all! SOL looking bullish today."],
  ["u_bob", "Agreed, I just set an alert at 180."],
  ["u_carol", "Anyone else watching BONK? Volume is up."],
];

type SeedNote = { type: string; category: string; priority: string; message: string; data: Prisma.InputJsonObject; read?: boolean };

const NOTES: Record<string, SeedNote[]> = {
  u_alice: [
    { type: "friend_activity", category: "social", priority: "low", message: "Bob upgraded Genesis Ape to level 3", data: { friendId: "u_bob", friendName: "Bob", activity: "nft_upgrade" } },
    { type: "feature_announcement", category: "system", priority: "low", message: "New trading pairs available: BONK/USDT, WIF/SOL", data: { pairs: ["BONK/USDT", "WIF/SOL"] }, read: true },
  ],
  u_bob: [
    { type: "friend_activity", category: "social", priority: "low", message: "Carol earned the Trading Pro badge", data: { friendId: "u_carol", friendName: "Carol", activity: "badge" } },
    { type: "friend_activity", category: "social", priority: "low", message: "Alice closed SOL/USDT with +150.50 profit", data: { friendId: "u_alice", friendName: "Alice", activity: "trade" } },
    { type: "badge_earned", category: "nft", priority: "low", message: "New badge unlocked: First Trade", data: { badgeId: "first_trade", name: "First Trade" }, read: true },
  ],
  u_carol: [
    { type: "friend_activity", category: "social", priority: "low", message: "Bob minted a Level 2 NFT", data: { friendId: "u_bob", friendName: "Bob", activity: "nft_mint" } },
    { type: "competition_ranking", category: "social", priority: "low", message: "You moved up to #5 in the weekly trading contest", data: { rank: 5, contest: "weekly_trader" } },
  ],
};

export async function seedSocial(prisma: PrismaClient): Promise<void> {
  for (const [a, b] of FRIENDS) {
    await prisma.friendship.upsert({
      where: { requesterId_addresseeId: { requesterId: a, addresseeId: b } },
      create: { requesterId: a, addresseeId: b, status: "ACCEPTED", acceptedAt: new Date() },
      update: {},
    });
  }

  await prisma.chatRoom.upsert({ where: { id: TRADING_ROOM.id }, create: TRADING_ROOM, update: {} });
  await prisma.chatRoomMember.createMany({
    data: MEMBERS.map((userId) => ({ roomId: TRADING_ROOM.id, userId })),
    skipDuplicates: true,
  });
  if ((await prisma.chatMessage.count({ where: { roomId: TRADING_ROOM.id } })) === 0) {
    const start = Date.now() - MESSAGES.length * 60_000;
    for (const [i, [userId, text]] of MESSAGES.entries()) {
      await prisma.chatMessage.create({ data: { roomId: TRADING_ROOM.id, userId, text, createdAt: new Date(start + i * 60_000) } });
    }
  }

  for (const [userId, notes] of Object.entries(NOTES)) {
    for (const [i, note] of notes.entries()) {
      const idempotencyKey = `seed:social:${userId}:${i}`;
      if (await prisma.notification.findUnique({ where: { idempotencyKey }, select: { id: true } })) continue;
      const { read, ...row } = note;
      await prisma.notification.create({
        data: { ...row, audience: "USERS", idempotencyKey, recipients: { create: { userId, readAt: read ? new Date() : null } } },
      });
    }
  }
}
