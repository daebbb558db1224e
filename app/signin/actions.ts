"use server";
import { publicAction } from "@/lib/actions/action";
import { resendVerification } from "@/lib/auth/verify-email";
import { emailRequestSchema } from "@/lib/validations/auth";

/** A new verification link for an account still waiting to be confirmed (the same answer for any address). */
export const resendVerificationAction = publicAction(emailRequestSchema, async ({ email }) => {
  await resendVerification(email);
  return null;
});
