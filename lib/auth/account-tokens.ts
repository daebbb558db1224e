import "server-only";
// Single-use, expiring tokens for account links. The token is 32 random bytes (base64url) that
// only the email carries; the database keeps its sha256, and deleting the row is what using it
// means, so of two clicks racing, one wins.
import { createHash, randomBytes } from "node:crypto";
import { Prisma, type AccountTokenPurpose } from "@prisma/client";
import { prisma } from "@/lib/db/client";

export const TOKEN_LIFETIME_MS: Record<AccountTokenPurpose, number> = {
  verify_email: 24 * 60 * 60_000,
  reset_password: 60 * 60_000,
};

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

/** A new token for `purpose`, tied to the address it is sent to. Returns the token itself (to email). */
export async function issueAccountToken(userId: string, purpose: AccountTokenPurpose, email: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const db = await prisma();
  await db.accountToken.create({
    data: { id: hashOf(token), userId, purpose, email, expiresAt: new Date(Date.now() + TOKEN_LIFETIME_MS[purpose]) },
  });
  return token;
}

/** Uses the token up: who it was for, or null when it is unknown, used already or expired. */
export async function consumeAccountToken(token: string, purpose: AccountTokenPurpose): Promise<{ userId: string; email: string } | null> {
  const db = await prisma();
  let row;
  try {
    row = await db.accountToken.delete({ where: { id: hashOf(token), purpose } });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2025") return null;
    throw err;
  }
  return row.expiresAt > new Date() ? { userId: row.userId, email: row.email } : null;
}

/** Whether the token would work now (the reset page asks before showing its form). */
export async function isAccountTokenValid(token: string, purpose: AccountTokenPurpose): Promise<boolean> {
  const db = await prisma();
  const row = await db.accountToken.findUnique({ where: { id: hashOf(token) } });
  return !!row && row.purpose === purpose && row.expiresAt > new Date();
}

export async function dropAccountTokens(userId: string, purpose: AccountTokenPurpose): Promise<void> {
  const db = await prisma();
  await db.accountToken.deleteMany({ where: { userId, purpose } });
}
