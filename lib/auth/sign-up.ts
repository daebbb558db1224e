import "server-only";
// Signing up: a new account waits for its email address to be confirmed before it can sign in.
// The answer never says whether the address already had an account: either way "check your
// inbox", and the inbox says which (a verification link, or "you already have an account").
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { prisma } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import type { signUpSchema } from "@/lib/validations/auth";
import { beginAccountRequest, sendAccountExistsEmail, sendVerificationEmail } from "./account-emails";
import { hashPassword } from "./password";

export async function signUp(input: z.output<typeof signUpSchema>): Promise<void> {
  const { origin, email } = await beginAccountRequest(input.email);
  // Hashed either way, so the time taken does not tell whether the address was taken.
  const passwordHash = await hashPassword(input.password);
  const db = await prisma();
  try {
    const user = await db.user.create({
      data: { id: randomUUID(), email, name: input.name, passwordHash, phone: input.phone, timeZone: input.timeZone },
    });
    sendVerificationEmail(user, origin);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const existing = await db.user.findUnique({ where: { email } });
    if (existing) sendAccountExistsEmail(existing, origin);
  }
}
