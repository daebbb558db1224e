// Inputs of the NFT page's server actions.
import { z } from "zod";

export const upgradeNftSchema = z.object({ nftId: z.string().min(1).max(64) });
