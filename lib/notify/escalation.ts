import "server-only";
// Attention escalation's two ends: the timer per priority, and "seen" reports from the browser,
// which cancel a pending escalation on every device at once (the row is shared, not per tab).
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { Priority } from "@/lib/events/definition";

export function escalationDelayMs(priority: Priority): number {
  const e = env();
  return { high: e.HERALD_ESCALATE_HIGH_MS, medium: e.HERALD_ESCALATE_MEDIUM_MS, low: e.HERALD_ESCALATE_LOW_MS }[priority];
}

/**
 * The user saw these notifications in a visible tab: cancel their pending escalations. Only rows
 * still `pending` change (one a worker already claimed is past cancelling). Returns how many.
 */
export async function markSeen(userId: string, notificationIds: bigint[]): Promise<number> {
  if (notificationIds.length === 0) return 0;
  const db = await prisma();
  const cancelled = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Delivery" SET status = 'cancelled', "nextAttemptAt" = NULL, "updatedAt" = now()
    WHERE "userId" = ${userId} AND "notificationId" = ANY(${notificationIds.map(String)}::bigint[])
      AND trigger = 'unseen' AND status = 'pending'
    RETURNING id`;
  if (cancelled.length > 0) {
    await db.deliveryEvent.createMany({
      data: cancelled.map((r) => ({ deliveryId: r.id, kind: "cancelled", outcome: "seen", detail: "seen in the app: escalation cancelled" })),
    });
  }
  return cancelled.length;
}
