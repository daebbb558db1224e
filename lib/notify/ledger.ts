import "server-only";
// A notification's delivery ledger: what was sent to whom, on which channel, and why, with each
// delivery's timeline (the routing decision, every provider attempt, provider reports).
import { prisma } from "@/lib/db/client";
import { toEnvelope } from "@/lib/events/envelope";

export async function getLedger(id: bigint) {
  const db = await prisma();
  const row = await db.notification.findUnique({
    where: { id },
    include: {
      deliveries: { orderBy: [{ createdAt: "asc" }, { channel: "asc" }], include: { events: { orderBy: { id: "asc" } } } },
      recipients: true,
    },
  });
  if (!row) return null;
  const envelope = toEnvelope(row);
  const deliveries = row.deliveries.map((d) => ({
    id: d.id,
    userId: d.userId,
    channel: d.channel,
    trigger: d.trigger,
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
  }));
  // One time-ordered story across recipients and channels: each delivery's decision, then its steps.
  const timeline = row.deliveries
    .flatMap((d) => [
      {
        at: d.createdAt,
        seq: 0n,
        entry: {
          userId: d.userId,
          deliveryId: d.id,
          kind: "decision",
          channel: d.channel,
          outcome: d.status === "missed" ? "missed" : "planned",
          detail: d.reason,
          attempt: null as number | null,
          httpStatus: null as number | null,
          providerMessageId: null as string | null,
          destination: null as string | null,
          worker: null as string | null,
        },
      },
      ...d.events.map((ev) => ({
        at: ev.at,
        seq: ev.id,
        entry: {
          userId: d.userId,
          deliveryId: d.id,
          kind: ev.kind,
          channel: ev.channel ?? d.channel,
          outcome: ev.outcome,
          detail: ev.detail,
          attempt: ev.attempt,
          httpStatus: ev.httpStatus,
          providerMessageId: ev.providerMessageId,
          destination: ev.destination,
          worker: ev.worker,
        },
      })),
    ])
    .sort((a, b) => a.at.getTime() - b.at.getTime() || (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0))
    .map(({ at, entry }) => ({ at: at.toISOString(), ...entry }));
  return {
    ...envelope,
    audience: row.audience === "BROADCAST" ? ("broadcast" as const) : ("users" as const),
    recipients: row.recipients.map((r) => r.userId),
    deliveries,
    timeline,
  };
}

export type Ledger = NonNullable<Awaited<ReturnType<typeof getLedger>>>;
