"use server";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { signUp } from "@/lib/auth/sign-up";
import { signUpSchema, type SignUpInput } from "@/lib/validations/auth";

/** Creates the account (or, when the address has one, says so by email) and sends the verification link. */
export async function signUpAction(input: SignUpInput): Promise<ActionResult<{ email: string }>> {
  return runAction(async () => {
    const data = signUpSchema.parse(input);
    await signUp(data);
    return { email: data.email };
  });
}
