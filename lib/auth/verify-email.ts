import "server-only";
// Confirming an email address with the link from the verification email, and asking for a new link.
import { prisma } from "@/lib/db/client";
import { beginAccountRequest, sendVerificationEmail } from "./account-emails";
import { consumeAccountToken, dropAccountTokens } from "./account-tokens";

/** True when the link confirmed the address it was sent to (once; never after it expired). */
export async function verifyEmail(token: string): Promise<boolean> {
  const used = await consumeAccountToken(token, "verify_email");
  if (!used) return false;
  const db = await prisma();
  const user = await db.user.findUnique({ where: { id: used.userId } });
  // The account's address changed since the link was sent: it confirms nothing about the new one.
  if (!user || user.email !== used.email) return false;
  if (!user.emailVerifiedAt) await db.user.update({ where: { id: user.id }, data: { emailVerifiedAt: new Date() } });
  await dropAccountTokens(user.id, "verify_email");
  return true;
}

/** A new verification link, if the address has an account still waiting for one (the answer is the same either way). */
export async function resendVerification(email: string): Promise<void> {
  const request = await beginAccountRequest(email);
  const db = await prisma();
  const user = await db.user.findUnique({ where: { email: request.email } });
  if (user && !user.emailVerifiedAt) sendVerificationEmail(user, request.origin);
}
