import "server-only";
// The delivery ledger's side of a replay: targeted events a user missed while offline (their sse
// delivery `missed`) reached them when a stream of theirs read them back. The hub reports each
// replay (lib/realtime/catch-up.ts); boot hands it this listener.
import { prisma } from "@/lib/db/client";
import { log } from "@/lib/log";

export async function markReplayed(userId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const db = await prisma();
  await db.delivery.updateMany({
    where: { userId, channel: "sse", status: "missed", notificationId: { in: ids.map(BigInt) } },
    data: { status: "sent", reason: "replayed when the user reconnected" },
  });
}

/** The hub's replay listener: records the replay, never failing the stream it came from. */
export function recordReplayed(userId: string, ids: string[]): void {
  void markReplayed(userId, ids).catch((err) => log().error({ err, user: userId }, "replay ledger update failed"));
}
