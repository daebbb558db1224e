"use server";
import { publicAction } from "@/lib/actions/action";
import { requestPasswordReset } from "@/lib/auth/password-reset";
import { emailRequestSchema } from "@/lib/validations/auth";

/** Emails a reset link if the address has an account; the answer is the same either way. */
export const requestPasswordResetAction = publicAction(emailRequestSchema, async ({ email }) => {
  await requestPasswordReset(email);
  return null;
});
