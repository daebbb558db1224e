import "server-only";
// Starting a simulated upgrade or mint: a persisted job at 0%. `activeKey` is unique, so one NFT
// has at most one running upgrade and a user at most one running mint.
import type { Prisma } from "@prisma/client";
import { prisma } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { env } from "@/lib/env";
import { HeraldError } from "@/lib/errors";
import { publishJobStatus } from "./job-status";
import { MAX_LEVEL } from "./progress";

export async function startUpgrade(userId: string, nftId: string) {
  const db = await prisma();
  const nft = await db.nft.findFirst({ where: { id: nftId, userId } });
  if (!nft) throw new HeraldError("not_found", "No such NFT in your collection");
  if (nft.level >= MAX_LEVEL) throw new HeraldError("conflict", `${nft.name} is already at the top level`);
  return start(
    { userId, kind: "UPGRADE", nftId, targetLevel: nft.level + 1, activeKey: nft.id },
    `${nft.name} is already being upgraded`,
  );
}

export async function startMint(userId: string) {
  return start({ userId, kind: "MINT", targetLevel: 1, activeKey: `mint:${userId}` }, "A mint is already in progress");
}

async function start(data: Omit<Prisma.NftJobUncheckedCreateInput, "nextStepAt">, busy: string) {
  const db = await prisma();
  let job;
  try {
    job = await db.nftJob.create({ data: { ...data, nextStepAt: new Date(Date.now() + env().HERALD_NFT_STEP_MS) } });
  } catch (err) {
    if (isUniqueViolation(err)) throw new HeraldError("conflict", busy);
    throw err;
  }
  await publishJobStatus(job);
  return { id: job.id, kind: job.kind, nftId: job.nftId, progress: job.progress, targetLevel: job.targetLevel };
}
