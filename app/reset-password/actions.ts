"use server";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { resetPassword } from "@/lib/auth/password-reset";
import { getViewer } from "@/lib/auth/viewer";
import { resetPasswordSchema, type ResetPasswordInput } from "@/lib/validations/auth";

/** Sets a new password with a reset link's token; every other session of the user ends. */
export async function resetPasswordAction(input: ResetPasswordInput): Promise<ActionResult> {
  return runAction(async () => {
    const { token, password } = resetPasswordSchema.parse(input);
    const viewer = await getViewer();
    await resetPassword(token, password, viewer && { userId: viewer.id, sid: viewer.sid });
    return null;
  });
}
