import "server-only";
// Account emails (a verification link, a password reset) go to one address, not to a user routed
// by presence, priority and preferences. They still travel the email channel's one path: a row in
// the outbox (trigger `direct`), sent by the outbox worker through the email adapter, so they get
// retries, the delivery ledger, SendGrid's status webhook, and capture mode (the dev outbox shows
// them, links included) when SendGrid is not configured.
import { prisma } from "@/lib/db/client";
import type { EmailMessage } from "./compose";

export type AccountEmailKind = "verify_email" | "reset_password" | "account_exists";

export type AccountEmail = { userId: string; kind: AccountEmailKind; message: EmailMessage };

/** Queues the email; the outbox worker sends it on its next poll. */
export async function sendAccountEmail({ userId, kind, message }: AccountEmail): Promise<void> {
  const db = await prisma();
  await db.notification.create({
    data: {
      type: "account_email",
      category: "system",
      priority: "low",
      message: message.subject,
      data: { kind },
      audience: "USERS",
      deliveries: {
        create: {
          userId,
          channel: "email",
          status: "pending",
          trigger: "direct",
          destination: message.to,
          payload: message,
          nextAttemptAt: new Date(),
          reason: "account email: sent to this address, whatever the user's presence and preferences",
        },
      },
    },
  });
}

/**
 * The message as kept once a real provider took it (or gave up): link tokens are secrets, stored
 * hashed elsewhere, so the ledger keeps no usable copy. Captured messages keep theirs: the dev
 * outbox is how a developer follows the link.
 */
export function redactLinks(message: EmailMessage): EmailMessage {
  return { ...message, text: message.text.replace(/([?&]token=)[^\s&]+/g, "$1[redacted]") };
}
