"use server";
import { publicAction } from "@/lib/actions/action";
import { signUp } from "@/lib/auth/sign-up";
import { signUpSchema } from "@/lib/validations/auth";

/** Creates the account (or, when the address has one, says so by email) and sends the verification link. */
export const signUpAction = publicAction(signUpSchema, async (data) => {
  await signUp(data);
  return { email: data.email };
});
