import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

function issues(source: Record<string, string>) {
  try {
    parseEnv(source);
    return [];
  } catch (err) {
    if (err instanceof EnvError) return err.issues;
    throw err;
  }
}

describe("provider settings", () => {
  it("accepts no provider at all (every channel captured) and complete ones", () => {
    expect(issues({})).toEqual([]);
    expect(
      issues({
        TWILIO_ACCOUNT_SID: `AC${"a".repeat(32)}`,
        TWILIO_AUTH_TOKEN: "secret-token",
        TWILIO_FROM: "+15005550006",
        SENDGRID_API_KEY: "SG.key-key",
        SENDGRID_FROM: "herald@example.com",
      }),
    ).toEqual([]);
  });

  it("names each missing half of a provider's credentials", () => {
    expect(issues({ TWILIO_ACCOUNT_SID: `AC${"a".repeat(32)}` }).map((i) => i.variable)).toEqual(["TWILIO_AUTH_TOKEN", "TWILIO_FROM"]);
    expect(issues({ SENDGRID_API_KEY: "SG.key-key" }).map((i) => i.variable)).toEqual(["SENDGRID_FROM"]);
  });

  it("rejects a malformed service account without echoing it", () => {
    const [issue] = issues({ FIREBASE_SERVICE_ACCOUNT: '{"private_key":"very-secret"}' });
    expect(issue?.variable).toBe("FIREBASE_SERVICE_ACCOUNT");
    expect(issue?.message).not.toContain("very-secret");
  });

  it("wants the FCM test endpoint as a host and port pair", () => {
    expect(issues({ FCM_ENDPOINT_HOST: "127.0.0.1" }).map((i) => i.variable)).toEqual(["FCM_ENDPOINT_PORT"]);
  });
});
