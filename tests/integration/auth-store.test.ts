// The account stores in this process against a real database (Postgres when TEST_DATABASE_URL is
// set, PGlite otherwise): the sign-in limit counts concurrent attempts atomically, and a session
// ends when it expires or is revoked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/database";

let cleanup: () => Promise<void>;
beforeAll(async () => {
  process.env.HERALD_SIGNIN_MAX_FAILURES = "20"; // before useTestDatabase, which reads the environment
  ({ cleanup } = await useTestDatabase());
});
afterAll(async () => {
  await cleanup?.();
});

describe("the sign-in limit's database store", () => {
  it("lets exactly the limit through when 50 attempts race, and says when to come back", async () => {
    const { countAttempt } = await import("@/lib/auth/rate-limit");
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => countAttempt("signinAccount", "race@example.test")));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(20);
    const refusal = results.find((r) => r.status === "rejected")!.reason;
    expect(refusal).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/^Too many attempts: try again in 15 minutes\.$/) });
  });

  it("forgets an account's count when its password is right", async () => {
    const { clearAttempts, countAttempt } = await import("@/lib/auth/rate-limit");
    for (let i = 0; i < 20; i++) await countAttempt("signinAccount", "forgiven@example.test");
    await clearAttempts("signinAccount", "forgiven@example.test");
    await expect(countAttempt("signinAccount", "forgiven@example.test")).resolves.toBeUndefined();
  });
});

describe("sessions", () => {
  it("refuses an expired session and a revoked one", async () => {
    const { createAuthSession, isSessionActive, revokeAuthSession } = await import("@/lib/auth/sessions");
    const client = { address: "203.0.113.9", userAgent: null };
    const expired = await createAuthSession("u_bob", -60, client);
    expect(await isSessionActive(expired)).toBe(false);
    const live = await createAuthSession("u_bob", 3600, client);
    expect(await isSessionActive(live)).toBe(true);
    await revokeAuthSession("u_bob", live);
    expect(await isSessionActive(live)).toBe(false);
  });
});
