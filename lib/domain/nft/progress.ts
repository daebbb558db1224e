// The simulated chain: a mint or upgrade moves 10% per confirmation step, through named stages,
// and collections reach milestones that earn badges. Pure, shared by server and browser.
export const PROGRESS_STEP = 10;
export const MAX_LEVEL = 5;
export const CONFIRMATIONS = 6;

export type JobKind = "MINT" | "UPGRADE";

export function nextProgress(progress: number): number {
  return Math.min(100, progress + PROGRESS_STEP);
}

export function stageFor(kind: JobKind, progress: number): string {
  if (progress >= 100) return kind === "MINT" ? "Minted" : "Upgrade confirmed";
  if (progress < 20) return "Submitting transaction";
  if (progress < 80) {
    const seen = Math.min(CONFIRMATIONS, Math.round(((progress - 20) / 60) * CONFIRMATIONS) + 1);
    return `Waiting for confirmations (${seen}/${CONFIRMATIONS})`;
  }
  return kind === "MINT" ? "Minting in progress…" : "Applying upgrade…";
}

export type Badge = { badgeId: string; name: string };
export type CollectionFacts = { level: number; upgradesCompleted: number; collectionSize: number };

/** Every badge these facts qualify for; awarding is idempotent, so already-held ones are fine. */
export function milestoneBadges(facts: CollectionFacts): Badge[] {
  const badges: Badge[] = [];
  if (facts.upgradesCompleted >= 1) badges.push({ badgeId: "first_upgrade", name: "First Upgrade" });
  if (facts.level >= 3) badges.push({ badgeId: "level_3", name: "Rising Star (Level 3)" });
  if (facts.level >= MAX_LEVEL) badges.push({ badgeId: "max_level", name: `Legend (Level ${MAX_LEVEL})` });
  if (facts.collectionSize >= 3) badges.push({ badgeId: "collector", name: "Collector (3 NFTs)" });
  return badges;
}

const names = ["Nebula", "Aurora", "Quasar", "Comet", "Pulsar", "Zenith", "Ember", "Tidal"];

/** A name for a freshly minted NFT, from its id (stable). */
export function nameForMint(id: string): string {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `${names[h % names.length]} #${(h % 9000) + 1000}`;
}
