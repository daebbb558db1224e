import "server-only";
// The NFT page's data: the user's NFTs with any running upgrade where it stands, running mints,
// and badges.
import { prisma } from "@/lib/db/client";

export async function getCollection(userId: string) {
  const db = await prisma();
  const [nfts, jobs, badges] = await Promise.all([
    db.nft.findMany({ where: { userId }, orderBy: { createdAt: "asc" } }),
    db.nftJob.findMany({ where: { userId, status: "RUNNING" } }),
    db.userBadge.findMany({ where: { userId }, orderBy: { earnedAt: "asc" } }),
  ]);
  const jobView = (j: (typeof jobs)[number]) => ({ id: j.id, kind: j.kind, progress: j.progress, targetLevel: j.targetLevel });
  return {
    nfts: nfts.map((n) => {
      const job = jobs.find((j) => j.kind === "UPGRADE" && j.nftId === n.id);
      return { id: n.id, name: n.name, level: n.level, job: job ? jobView(job) : null };
    }),
    mints: jobs.filter((j) => j.kind === "MINT").map(jobView),
    badges: badges.map((b) => ({ badgeId: b.badgeId, name: b.name, earnedAt: b.earnedAt.toISOString() })),
  };
}

export type Collection = Awaited<ReturnType<typeof getCollection>>;
