"use server";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { requireUser } from "@/lib/auth/viewer";
import { startMint, startUpgrade } from "@/lib/domain/nft/start-job";
import { upgradeNftSchema } from "@/lib/validations/nft";

type StartedJob = Awaited<ReturnType<typeof startUpgrade>>;

export async function upgradeNftAction(input: unknown): Promise<ActionResult<StartedJob>> {
  return runAction(async () => {
    const user = await requireUser();
    const { nftId } = upgradeNftSchema.parse(input);
    return startUpgrade(user.id, nftId);
  });
}

export async function mintNftAction(): Promise<ActionResult<StartedJob>> {
  return runAction(async () => startMint((await requireUser()).id));
}
