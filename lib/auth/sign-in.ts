import "server-only";
// Password sign-in (next-auth's credentials `authorize` calls this). Each attempt is counted
// against the client's address and the account before the password is checked, so an account
// past its limit is refused without checking anything; the right password clears the account's
// count. A confirmed email address is required (see README, "Accounts").
import { prisma } from "@/lib/db/client";
import { isHeraldError } from "@/lib/errors";
import type { SignInInput } from "@/lib/validations/auth";
import { log } from "@/lib/log";
import { rememberDevice } from "./known-devices";
import { verifyPassword } from "./password";
import { addressKey, clearAttempts, countAttempt, emailKey, forgiveAttempt, retryAfterSeconds } from "./rate-limit";
import { requestClient } from "./request-client";
import { alertNewDevice } from "./security-alerts";
import { signInErrorCode } from "./sign-in-errors";
import { createAuthSession } from "./sessions";

/** The right password for an account whose email address is not confirmed yet. */
class EmailUnverified extends Error {
  override readonly name = "EmailUnverified";
}

export type SignedInUser = { id: string; email: string; name: string; role: "USER" | "ADMIN"; sid: string };

/** The signed-in user with a new session, or null for a wrong email or password. Throws a refusal otherwise. */
export async function signInWithPassword(input: SignInInput, maxAgeSeconds: number): Promise<SignedInUser | null> {
  const client = await requestClient();
  const email = input.email.trim().toLowerCase();
  const address = addressKey(client.address);
  await countAttempt("signinAddress", address);
  await countAttempt("signinAccount", emailKey(email));

  const db = await prisma();
  const user = await db.user.findUnique({ where: { email } });
  if (!(await verifyPassword(input.password, user?.passwordHash ?? null)) || !user) return null;
  await Promise.all([clearAttempts("signinAccount", emailKey(email)), forgiveAttempt("signinAddress", address)]);
  if (!user.emailVerifiedAt) throw new EmailUnverified();

  const sid = await createAuthSession(user.id, maxAgeSeconds, client);
  if ((await rememberDevice(user.id, client.secure)) === "new") await alertNewDevice(user.id, client);
  return { id: user.id, email: user.email, name: user.name, role: user.role, sid };
}

/** What `authorize` throws for next-auth to pass on as `?error=`: a code, never an internal message. */
export function signInRefusal(err: unknown): Error {
  if (isHeraldError(err) && err.code === "rate_limited") {
    return new Error(signInErrorCode({ kind: "rate_limited", retryAfterSeconds: retryAfterSeconds(err) }));
  }
  if (err instanceof Error && err.name === "EmailUnverified") return new Error(signInErrorCode({ kind: "email_unverified" }));
  log().error({ err }, "sign-in failed");
  return new Error(signInErrorCode({ kind: "unavailable" }));
}
