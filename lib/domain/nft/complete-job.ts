import "server-only";
// Finishing a job: the collection changes and the job closes in one transaction, then the owner
// hears `nft_upgrade_completed` / `nft_mint_completed` and any milestone badges.
import { prisma } from "@/lib/db/client";
import { retryWhileUnavailable } from "@/lib/db/outage";
import { tellFriends } from "@/lib/domain/social/record-friend-activity";
import { notify } from "@/lib/notify/notify";
import { awardBadge } from "./award-badge";
import { milestoneBadges, nameForMint } from "./progress";

export async function completeJob(jobId: string): Promise<void> {
  const db = await prisma();
  const done = await db.$transaction(async (tx) => {
    const claimed = await tx.nftJob.updateMany({
      where: { id: jobId, status: "RUNNING" },
      data: { status: "COMPLETED", activeKey: null, progress: 100, completedAt: new Date() },
    });
    if (claimed.count !== 1) return null;
    const job = await tx.nftJob.findUniqueOrThrow({ where: { id: jobId } });
    if (job.kind === "UPGRADE" && job.nftId) {
      const nft = await tx.nft.update({ where: { id: job.nftId }, data: { level: job.targetLevel } });
      return { job, nft };
    }
    const nft = await tx.nft.create({ data: { userId: job.userId, name: nameForMint(job.id), level: job.targetLevel } });
    await tx.nftJob.update({ where: { id: jobId }, data: { nftId: nft.id } });
    return { job, nft };
  });
  if (!done) return;
  const { job, nft } = done;
  const once = { idempotencyKey: `nft_job:${job.id}` };
  // The job is complete in the database and no beat will take it again: its notification must
  // land even if the database blinks now (the idempotency key keeps a retry from sending twice).
  if (job.kind === "UPGRADE") {
    await retryWhileUnavailable(() => notify(
      [job.userId],
      {
        type: "nft_upgrade_completed",
        message: `🎉 Your NFT upgrade is complete! ${nft.name} is now Level ${nft.level}`,
        data: { upgradeId: job.id, nftId: nft.id, level: nft.level, name: nft.name },
      },
      once,
    ));
    await tellFriends(job.userId, {
      kind: "nft_upgrade",
      summary: `upgraded ${nft.name} to Level ${nft.level}`,
      data: { nftId: nft.id, level: nft.level },
    });
  } else {
    await retryWhileUnavailable(() => notify(
      [job.userId],
      {
        type: "nft_mint_completed",
        message: `🎉 Your Level ${nft.level} NFT is ready: ${nft.name}`,
        data: { upgradeId: job.id, nftId: nft.id, level: nft.level, name: nft.name },
      },
      once,
    ));
    await tellFriends(job.userId, {
      kind: "nft_mint",
      summary: `minted ${nft.name} (Level ${nft.level})`,
      data: { nftId: nft.id, level: nft.level },
    });
  }
  const [upgradesCompleted, collectionSize, best] = await Promise.all([
    db.nftJob.count({ where: { userId: job.userId, kind: "UPGRADE", status: "COMPLETED" } }),
    db.nft.count({ where: { userId: job.userId } }),
    db.nft.aggregate({ where: { userId: job.userId }, _max: { level: true } }),
  ]);
  for (const badge of milestoneBadges({ level: best._max.level ?? 0, upgradesCompleted, collectionSize })) {
    await awardBadge(job.userId, badge);
  }
}
