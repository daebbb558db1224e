// Why a sign-in was refused, as it travels through next-auth v4: `authorize` can only return null
// or throw, and a thrown error's message becomes `?error=<message>` (and the `error` of
// `signIn(..., { redirect: false })`). So the reason is a short code, `rate_limited:<seconds>`
// or `email_unverified`; the sign-in form and page turn it back into words. No server imports.
import { tooManyAttemptsMessage } from "./wait-time";

export type SignInProblem =
  | { kind: "credentials" }
  | { kind: "rate_limited"; retryAfterSeconds: number }
  | { kind: "email_unverified" }
  | { kind: "unavailable" };

export function signInErrorCode(problem: SignInProblem): string {
  return problem.kind === "rate_limited" ? `rate_limited:${problem.retryAfterSeconds}` : problem.kind;
}

/** next-auth's `error` back into a problem; null when there is none. */
export function parseSignInError(code: string | null | undefined): SignInProblem | null {
  if (!code) return null;
  const limited = /^rate_limited:(\d{1,7})$/.exec(code);
  if (limited) return { kind: "rate_limited", retryAfterSeconds: Number(limited[1]) };
  if (code === "email_unverified") return { kind: "email_unverified" };
  if (code === "CredentialsSignin" || code === "credentials") return { kind: "credentials" };
  return { kind: "unavailable" };
}

export function signInErrorMessage(problem: SignInProblem): string {
  switch (problem.kind) {
    case "credentials":
      return "Wrong email or password";
    case "rate_limited":
      return tooManyAttemptsMessage(problem.retryAfterSeconds * 1000);
    case "email_unverified":
      return "Confirm your email address first: open the link we emailed you.";
    case "unavailable":
      return "Signing in failed; try again in a moment";
  }
}
