import "server-only";
// The account emails' words and links. Links point at HERALD_PUBLIC_URL (or NEXTAUTH_URL). Only
// while email is captured (nothing leaves; a developer reads it in /admin/outbox) may they use the
// request's own origin: a live email built from a request's Host header would let anyone who asks
// for a reset send the victim a link to their own site ("password-reset poisoning").
import { headers } from "next/headers";
import { after } from "next/server";
import { env } from "@/lib/env";
import { HeraldError } from "@/lib/errors";
import { sendAccountEmail } from "@/lib/notify/account-email";
import { channelAdapters } from "@/lib/notify/channels";
import type { AccountTokenPurpose } from "@prisma/client";
import { log } from "@/lib/log";
import { issueAccountToken } from "./account-tokens";
import { addressKey, countAttempt, emailKey } from "./rate-limit";
import { requestClient } from "./request-client";

type Recipient = { id: string; email: string; name: string };

/**
 * The start of every request that emails an account link (sign-up, reset, a new verification
 * link): where links will point, then the limits per client address and per destination.
 * Returns the address, normalised.
 */
export async function beginAccountRequest(email: string): Promise<{ origin: string; email: string }> {
  const origin = await accountLinkOrigin();
  const address = email.trim().toLowerCase();
  const client = await requestClient();
  await countAttempt("accountRequestsAddress", addressKey(client.address));
  await countAttempt("accountRequestsEmail", emailKey(address));
  return { origin, email: address };
}

/** The origin account links use; refuses (503) when live email has no configured public URL. */
export async function accountLinkOrigin(): Promise<string> {
  const e = env();
  const configured = e.HERALD_PUBLIC_URL ?? e.NEXTAUTH_URL;
  if (configured) return new URL(configured).origin;
  if (channelAdapters().email.mode === "capture") {
    const h = await headers();
    const host = h.get("x-forwarded-host") ?? h.get("host");
    if (host) return `${h.get("x-forwarded-proto") === "https" ? "https" : "http"}://${host}`;
  }
  log().error("account emails need HERALD_PUBLIC_URL (or NEXTAUTH_URL) when SendGrid is live");
  throw new HeraldError("unavailable", "Account emails are not set up on this server yet: try again later");
}

/**
 * Runs once the response has gone: how long an answer takes must not tell whether the address has
 * an account (which is when there is an email to write).
 */
function afterResponse(task: () => Promise<void>): void {
  after(() => task().catch((err) => log().error({ err }, "account email failed")));
}

/** A fresh single-use link for `purpose`, and the email that carries it. */
function sendLinkEmail(user: Recipient, purpose: AccountTokenPurpose, origin: string, words: (link: string) => { subject: string; text: string }): void {
  afterResponse(async () => {
    const token = await issueAccountToken(user.id, purpose, user.email);
    const path = purpose === "verify_email" ? "/verify-email" : "/reset-password";
    await sendAccountEmail({ userId: user.id, kind: purpose, message: { to: user.email, ...words(`${origin}${path}?token=${token}`) } });
  });
}

export function sendVerificationEmail(user: Recipient, origin: string): void {
  sendLinkEmail(user, "verify_email", origin, (link) => ({
    subject: "Confirm your email address for Herald",
    text: `Hi ${user.name},\n\nConfirm this address to finish signing up for Herald:\n\n${link}\n\nThe link works once and expires in 24 hours. If you did not sign up, ignore this email.\n`,
  }));
}

export function sendPasswordResetEmail(user: Recipient, origin: string): void {
  sendLinkEmail(user, "reset_password", origin, (link) => ({
    subject: "Reset your Herald password",
    text: `Hi ${user.name},\n\nChoose a new password for Herald here:\n\n${link}\n\nThe link works once and expires in 1 hour; using it signs you out everywhere else. If you did not ask for it, ignore this email: your password stays as it is.\n`,
  }));
}

/** To someone signing up with an address that already has an account (the page says the same either way). */
export function sendAccountExistsEmail(user: Recipient, origin: string): void {
  afterResponse(() =>
    sendAccountEmail({
      userId: user.id,
      kind: "account_exists",
      message: {
        to: user.email,
        subject: "You already have a Herald account",
        text: `Hi ${user.name},\n\nSomeone, hopefully you, tried to sign up for Herald with this address, which already has an account.\n\nSign in: ${origin}/signin\nForgot your password? ${origin}/forgot-password\n\nIf it was not you, ignore this email.\n`,
      },
    }),
  );
}
