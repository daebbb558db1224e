import { describe, expect, it } from "vitest";
import { MAX_LEVEL, milestoneBadges, nextProgress, stageFor } from "./progress";

describe("simulated NFT jobs", () => {
  it("move 0 → 100 in steps of 10 and stop there", () => {
    const seen = [0];
    while (seen.at(-1)! < 100) seen.push(nextProgress(seen.at(-1)!));
    expect(seen).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(nextProgress(100)).toBe(100);
  });

  it("name each stage", () => {
    expect(stageFor("UPGRADE", 0)).toBe("Submitting transaction");
    expect(stageFor("UPGRADE", 20)).toBe("Waiting for confirmations (1/6)");
    expect(stageFor("MINT", 90)).toBe("Minting in progress…");
    expect(stageFor("UPGRADE", 100)).toBe("Upgrade confirmed");
  });

  it("award milestone badges", () => {
    expect(milestoneBadges({ level: 2, upgradesCompleted: 0, collectionSize: 1 })).toEqual([]);
    expect(milestoneBadges({ level: 3, upgradesCompleted: 1, collectionSize: 3 }).map((b) => b.badgeId)).toEqual([
      "first_upgrade",
      "level_3",
      "collector",
    ]);
    expect(milestoneBadges({ level: MAX_LEVEL, upgradesCompleted: 4, collectionSize: 1 }).map((b) => b.badgeId)).toContain("max_level");
  });
});
