"use server";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { resendVerification } from "@/lib/auth/verify-email";
import { emailRequestSchema } from "@/lib/validations/auth";

/** A new verification link for an account still waiting to be confirmed (the same answer for any address). */
export async function resendVerificationAction(input: { email: string }): Promise<ActionResult> {
  return runAction(async () => {
    const { email } = emailRequestSchema.parse(input);
    await resendVerification(email);
    return null;
  });
}
