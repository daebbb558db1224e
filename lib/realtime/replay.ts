import "server-only";
// What a reconnecting user missed: their durable events after a cursor, oldest first, bounded.
import { prisma } from "@/lib/db/client";
import { toEnvelope, type Envelope } from "@/lib/events/envelope";

export type Missed = { envelopes: Envelope[]; truncated: boolean };

export async function loadMissed(userId: string, after: bigint, limit: number): Promise<Missed> {
  const db = await prisma();
  const rows = await db.notification.findMany({
    where: { id: { gt: after }, OR: [{ audience: "BROADCAST" }, { recipients: { some: { userId } } }] },
    orderBy: { id: "asc" },
    take: limit + 1,
  });
  const truncated = rows.length > limit;
  return { envelopes: rows.slice(0, limit).map(toEnvelope), truncated };
}

/** The newest durable id: after a resync the client resumes from here. */
export async function latestEventId(): Promise<string | null> {
  const db = await prisma();
  const row = await db.notification.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  return row ? String(row.id) : null;
}

/** Targeted events the user missed while offline now reached them: record it in the ledger. */
export async function markReplayed(userId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const db = await prisma();
  await db.delivery.updateMany({
    where: { userId, channel: "sse", status: "missed", notificationId: { in: ids.map(BigInt) } },
    data: { status: "sent", reason: "replayed when the user reconnected" },
  });
}
