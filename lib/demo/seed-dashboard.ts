// Demo data for the NFT and trading pages: a few NFTs per user, positions, an alert and this
// week's contest standings. Fixed ids and skipped duplicates keep it idempotent.
import type { PrismaClient } from "@prisma/client";
import { contestIdFor } from "@/lib/domain/trading/contest-ranking";

const nfts = [
  { id: "nft_alice_1", userId: "u_alice", name: "Quasar #3001", level: 3 },
  { id: "nft_bob_1", userId: "u_bob", name: "Nebula #1042", level: 2 },
  { id: "nft_bob_2", userId: "u_bob", name: "Aurora #2210", level: 1 },
  { id: "nft_carol_1", userId: "u_carol", name: "Comet #4120", level: 1 },
  { id: "nft_carol_2", userId: "u_carol", name: "Pulsar #5005", level: 2 },
];

export async function seedDashboardDemo(prisma: PrismaClient, now = new Date()): Promise<void> {
  await prisma.nft.createMany({ data: nfts, skipDuplicates: true });
  await prisma.userBadge.createMany({
    data: [
      { userId: "u_alice", badgeId: "first_upgrade", name: "First Upgrade" },
      { userId: "u_alice", badgeId: "level_3", name: "Rising Star (Level 3)" },
      { userId: "u_carol", badgeId: "first_upgrade", name: "First Upgrade" },
    ],
    skipDuplicates: true,
  });
  const closedAt = now;
  await prisma.position.createMany({
    data: [
      { id: "pos_bob_sol", userId: "u_bob", symbol: "SOL", side: "LONG", quantity: 10, entryPrice: 176.5, takeProfit: 240, stopLoss: 120 },
      { id: "pos_bob_eth", userId: "u_bob", symbol: "ETH", side: "LONG", quantity: 0.5, entryPrice: 3_160, status: "CLOSED", exitPrice: 3_400, pnl: 120, closeReason: "take_profit", closedAt },
      { id: "pos_alice_btc", userId: "u_alice", symbol: "BTC", side: "SHORT", quantity: 0.05, entryPrice: 98_200 },
      { id: "pos_alice_sol", userId: "u_alice", symbol: "SOL", side: "LONG", quantity: 20, entryPrice: 169.5, status: "CLOSED", exitPrice: 180, pnl: 210, closeReason: "manual", closedAt },
      { id: "pos_carol_wif", userId: "u_carol", symbol: "WIF", side: "LONG", quantity: 300, entryPrice: 2.25, status: "CLOSED", exitPrice: 2.4, pnl: 45, closeReason: "take_profit", closedAt },
    ],
    skipDuplicates: true,
  });
  await prisma.priceAlert.createMany({
    data: [{ id: "alert_bob_bonk", userId: "u_bob", symbol: "BONK", target: 0.00004, direction: "ABOVE" }],
    skipDuplicates: true,
  });
  const contestId = contestIdFor(now);
  await prisma.contestEntry.createMany({
    data: [
      { contestId, userId: "u_alice", score: 210, rank: 1 },
      { contestId, userId: "u_bob", score: 120, rank: 2 },
      { contestId, userId: "u_carol", score: 45, rank: 3 },
    ],
    skipDuplicates: true,
  });
}
