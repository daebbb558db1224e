import "server-only";
// Delivery reports from providers (Twilio's status callback, SendGrid's Event Webhook) move a sent
// delivery to delivered or failed and add the report to its timeline.
import { prisma } from "@/lib/db/client";
import type { OfflineChannel } from "@/lib/events/definition";

export type ProviderReport = {
  channel: OfflineChannel;
  /** Either our delivery id (SendGrid's custom args) or the provider's message id. */
  deliveryId?: string;
  providerMessageId?: string;
  /** The provider's own word, e.g. "delivered", "undelivered", "bounce". */
  state: string;
  final: "delivered" | "failed" | null;
  detail?: string | null;
};

/** Returns whether the report matched a delivery. */
export async function recordProviderReport(report: ProviderReport): Promise<boolean> {
  const db = await prisma();
  const where = report.deliveryId
    ? { id: report.deliveryId, channel: report.channel }
    : { providerMessageId: report.providerMessageId, channel: report.channel };
  if (!where.id && !where.providerMessageId) return false;
  const delivery = await db.delivery.findFirst({ where, select: { id: true, status: true } });
  if (!delivery) return false;
  const detail = report.detail ? `${report.state}: ${report.detail}` : report.state;
  await db.$transaction([
    ...(report.final && ["sent", "delivered", "failed"].includes(delivery.status)
      ? [
          db.delivery.update({
            where: { id: delivery.id },
            data: { status: report.final, ...(report.final === "failed" ? { lastError: `provider reported ${detail}` } : {}) },
          }),
        ]
      : []),
    db.deliveryEvent.create({
      data: {
        deliveryId: delivery.id,
        kind: "status",
        outcome: report.final ?? report.state,
        channel: report.channel,
        providerMessageId: report.providerMessageId ?? null,
        detail,
      },
    }),
  ]);
  return true;
}
