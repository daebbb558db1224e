import "server-only";
// Forgotten passwords: a single-use link by email (the answer never says whether the address has
// an account), then a new password, which also confirms the address (the link proved the inbox),
// ends every other session of the user, lifts a sign-in lock, and sends a security alert.
import { prisma } from "@/lib/db/client";
import { HeraldError } from "@/lib/errors";
import { beginAccountRequest, sendPasswordResetEmail } from "./account-emails";
import { consumeAccountToken, dropAccountTokens } from "./account-tokens";
import { hashPassword } from "./password";
import { clearAttempts, emailKey } from "./rate-limit";
import { requestClient } from "./request-client";
import { alertPasswordReset } from "./security-alerts";
import { endAllSessions } from "./sessions";

export async function requestPasswordReset(email: string): Promise<void> {
  const request = await beginAccountRequest(email);
  const db = await prisma();
  const user = await db.user.findUnique({ where: { email: request.email } });
  if (user) sendPasswordResetEmail(user, request.origin);
}

// No `issues`: the link, not a field of the form, is what is wrong (the form says so above its button).
const expired = () => new HeraldError("invalid_request", "This reset link has expired or was already used: ask for a new one");

/**
 * Sets the new password. `current` is the viewer's own session when the reset happens in a browser
 * already signed in as that user: it is the one session kept.
 */
export async function resetPassword(token: string, password: string, current: { userId: string; sid: string } | null): Promise<void> {
  const passwordHash = await hashPassword(password);
  const used = await consumeAccountToken(token, "reset_password");
  if (!used) throw expired();
  const db = await prisma();
  const user = await db.user.findUnique({ where: { id: used.userId } });
  if (!user || user.email !== used.email) throw expired();
  await db.user.update({ where: { id: user.id }, data: { passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? new Date() } });
  await dropAccountTokens(user.id, "reset_password");
  await endAllSessions(user.id, { except: current?.userId === user.id ? current.sid : undefined });
  await clearAttempts("signinAccount", emailKey(user.email));
  await alertPasswordReset(user.id, await requestClient());
}
