import "server-only";
// A notification's delivery ledger: what was sent to whom, on which channel, and why.
import { prisma } from "@/lib/db/client";
import { toEnvelope } from "@/lib/events/envelope";

export async function getLedger(id: bigint) {
  const db = await prisma();
  const row = await db.notification.findUnique({
    where: { id },
    include: { deliveries: { orderBy: [{ createdAt: "asc" }, { channel: "asc" }] }, recipients: true },
  });
  if (!row) return null;
  const envelope = toEnvelope(row);
  return {
    ...envelope,
    audience: row.audience === "BROADCAST" ? "broadcast" : "users",
    recipients: row.recipients.map((r) => r.userId),
    deliveries: row.deliveries.map((d) => ({
      userId: d.userId,
      channel: d.channel,
      status: d.status,
      reason: d.reason,
      destination: d.destination,
      attempts: d.attempts,
      nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
      providerMessageId: d.providerMessageId,
      lastError: d.lastError,
      payload: d.payload,
      createdAt: d.createdAt.toISOString(),
      updatedAt: d.updatedAt.toISOString(),
    })),
  };
}
