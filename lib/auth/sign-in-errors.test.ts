import { describe, expect, it } from "vitest";
import { parseSignInError, signInErrorCode, signInErrorMessage } from "./sign-in-errors";

describe("sign-in errors through next-auth's ?error=", () => {
  it("round-trips the reason, with the wait of a rate limit", () => {
    const code = signInErrorCode({ kind: "rate_limited", retryAfterSeconds: 840 });
    expect(code).toBe("rate_limited:840");
    const problem = parseSignInError(code)!;
    expect(signInErrorMessage(problem)).toBe("Too many attempts: try again in 14 minutes.");
    expect(parseSignInError("email_unverified")).toEqual({ kind: "email_unverified" });
  });

  it("reads next-auth's own code for a wrong password, and nothing else as a reason", () => {
    expect(signInErrorMessage(parseSignInError("CredentialsSignin")!)).toBe("Wrong email or password");
    expect(parseSignInError(null)).toBeNull();
    expect(parseSignInError("<script>")).toEqual({ kind: "unavailable" });
  });
});
