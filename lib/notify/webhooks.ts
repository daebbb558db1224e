import "server-only";
// Provider callbacks: signature checks and the mapping of provider states onto the ledger.
import { createPublicKey, createVerify } from "node:crypto";
import twilio from "twilio";
import type { z } from "zod";
import { env } from "@/lib/env";
import { HeraldError } from "@/lib/errors";
import type { sendgridEventsSchema, twilioStatusSchema } from "@/lib/validations/webhooks";
import { twilioStatusCallbackUrl } from "./channels";
import { recordProviderReport } from "./provider-status";

const forbidden = () => new HeraldError("forbidden", "Invalid webhook signature");

/** Twilio signs the URL it called (the public one) plus the form fields; the SDK checks it. */
export function verifyTwilio(signature: string | null, params: Record<string, string>): void {
  const token = env().TWILIO_AUTH_TOKEN;
  const url = twilioStatusCallbackUrl();
  if (!token || !url) throw new HeraldError("not_found", "Twilio status callbacks are off: set Twilio credentials and HERALD_PUBLIC_URL");
  if (!signature || !twilio.validateRequest(token, signature, url, params)) throw forbidden();
}

const twilioFinal: Record<string, "delivered" | "failed"> = { delivered: "delivered", failed: "failed", undelivered: "failed" };

export async function applyTwilioStatus(status: z.output<typeof twilioStatusSchema>): Promise<void> {
  await recordProviderReport({
    channel: "sms",
    providerMessageId: status.MessageSid,
    state: status.MessageStatus,
    final: twilioFinal[status.MessageStatus] ?? null,
    detail: status.ErrorCode ? `error ${status.ErrorCode}` : null,
  });
}

/** SendGrid signs timestamp + raw body with ECDSA P-256 (SHA-256); the key is from its settings. */
export function verifySendGrid(signature: string | null, timestamp: string | null, body: string): void {
  const key = env().SENDGRID_WEBHOOK_PUBLIC_KEY;
  if (!key) throw new HeraldError("not_found", "The SendGrid Event Webhook is off: set SENDGRID_WEBHOOK_PUBLIC_KEY");
  if (!signature || !timestamp) throw forbidden();
  let ok = false;
  try {
    const publicKey = createPublicKey({ key: Buffer.from(key, "base64"), format: "der", type: "spki" });
    ok = createVerify("sha256").update(timestamp + body).verify(publicKey, signature, "base64");
  } catch {
    ok = false;
  }
  if (!ok) throw forbidden();
}

const sendgridFinal: Record<string, "delivered" | "failed"> = { delivered: "delivered", bounce: "failed", dropped: "failed" };

export async function applySendGridEvents(events: z.output<typeof sendgridEventsSchema>): Promise<number> {
  let matched = 0;
  for (const ev of events) {
    const found = await recordProviderReport({
      channel: "email",
      deliveryId: ev.herald_delivery,
      // sg_message_id is "<X-Message-Id>.<filter info>"; the send response gave us the first part.
      providerMessageId: ev.herald_delivery ? undefined : ev.sg_message_id?.split(".")[0],
      state: ev.event,
      final: sendgridFinal[ev.event] ?? null,
      detail: ev.reason ?? ev.response ?? null,
    });
    if (found) matched++;
  }
  return matched;
}
