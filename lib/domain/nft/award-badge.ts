import "server-only";
// Badges are earned once: the insert skips an existing (user, badge) pair, and only a real
// insert announces `badge_earned`.
import { prisma } from "@/lib/db/client";
import { tellFriends } from "@/lib/domain/social/record-friend-activity";
import { notify } from "@/lib/notify/notify";
import type { Badge } from "./progress";

export async function awardBadge(userId: string, badge: Badge): Promise<boolean> {
  const db = await prisma();
  const { count } = await db.userBadge.createMany({ data: [{ userId, ...badge }], skipDuplicates: true });
  if (count === 0) return false;
  await notify(
    [userId],
    { type: "badge_earned", message: `🏆 New badge unlocked: ${badge.name}!`, data: badge },
    { idempotencyKey: `badge:${userId}:${badge.badgeId}` },
  );
  await tellFriends(userId, { kind: "badge", summary: `earned the ${badge.name} badge`, data: { badgeId: badge.badgeId } });
  return true;
}
