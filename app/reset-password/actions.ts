"use server";
import { publicAction } from "@/lib/actions/action";
import { resetPassword } from "@/lib/auth/password-reset";
import { getViewer } from "@/lib/auth/viewer";
import { resetPasswordSchema } from "@/lib/validations/auth";

/** Sets a new password with a reset link's token; every other session of the user ends. */
export const resetPasswordAction = publicAction(resetPasswordSchema, async ({ token, password }) => {
  const viewer = await getViewer();
  await resetPassword(token, password, viewer && { userId: viewer.id, sid: viewer.sid });
  return null;
});
