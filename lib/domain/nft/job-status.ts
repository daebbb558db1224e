import "server-only";
import type { NftJob } from "@prisma/client";
import { notify } from "@/lib/notify/notify";
import { stageFor } from "./progress";

/** The live `nft_upgrade_status` of a job (ephemeral: only open pages see it). */
export async function publishJobStatus(job: Pick<NftJob, "id" | "userId" | "kind" | "nftId" | "progress" | "targetLevel">) {
  const stage = stageFor(job.kind, job.progress);
  await notify([job.userId], {
    type: "nft_upgrade_status",
    message: stage,
    data: { upgradeId: job.id, nftId: job.nftId, kind: job.kind, progress: job.progress, stage, level: job.targetLevel },
  });
}
