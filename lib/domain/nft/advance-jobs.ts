import "server-only";
// One step of the simulator: every running job whose step is due moves 10% and says so; a job at
// 100% completes. State lives in the database, so a restarted server picks up where it stopped.
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { completeJob } from "./complete-job";
import { publishJobStatus } from "./job-status";
import { nextProgress } from "./progress";

export async function advanceDueJobs(now = new Date()): Promise<number> {
  const db = await prisma();
  const due = await db.nftJob.findMany({
    where: { status: "RUNNING", nextStepAt: { lte: now } },
    orderBy: { nextStepAt: "asc" },
    take: 100,
  });
  const nextStepAt = new Date(now.getTime() + env().HERALD_NFT_STEP_MS);
  let advanced = 0;
  for (const job of due) {
    const progress = nextProgress(job.progress);
    // Claimed only if nobody moved it since we read it.
    const claimed = await db.nftJob.updateMany({
      where: { id: job.id, status: "RUNNING", progress: job.progress },
      data: { progress, nextStepAt },
    });
    if (claimed.count !== 1) continue;
    advanced++;
    if (progress > job.progress) await publishJobStatus({ ...job, progress });
    if (progress >= 100) await completeJob(job.id);
  }
  return advanced;
}
