"use server";
import { userAction } from "@/lib/actions/action";
import { startMint, startUpgrade } from "@/lib/domain/nft/start-job";
import { upgradeNftSchema } from "@/lib/validations/nft";

export const upgradeNftAction = userAction(upgradeNftSchema, (user, { nftId }) => startUpgrade(user.id, nftId));

export const mintNftAction = userAction((user) => startMint(user.id));
