"use server";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { requestPasswordReset } from "@/lib/auth/password-reset";
import { emailRequestSchema } from "@/lib/validations/auth";

/** Emails a reset link if the address has an account; the answer is the same either way. */
export async function requestPasswordResetAction(input: { email: string }): Promise<ActionResult> {
  return runAction(async () => {
    const { email } = emailRequestSchema.parse(input);
    await requestPasswordReset(email);
    return null;
  });
}
