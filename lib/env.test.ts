import { describe, expect, it } from "vitest";
import { DEMO_API_KEY, EnvError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("runs on embedded defaults in demo mode with nothing set", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.HERALD_DEMO).toBe(true);
    expect(env.HERALD_API_KEY).toBe(DEMO_API_KEY);
    expect(env.HERALD_MAX_STREAMS_PER_USER).toBe(10);
    expect(env.HERALD_OFFLINE_GRACE_MS).toBe(10_000);
    expect(env.HERALD_HEARTBEAT_MS).toBe(15_000);
  });

  it("names the variable that is wrong", () => {
    expect(() => parseEnv({ HERALD_MAX_STREAMS_PER_USER: "lots" })).toThrow(/HERALD_MAX_STREAMS_PER_USER/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
    try {
      parseEnv({ HERALD_HEARTBEAT_MS: "-5", HERALD_DEMO: "maybe" });
    } catch (err) {
      expect(err).toBeInstanceOf(EnvError);
      expect((err as EnvError).issues.map((i) => i.variable).sort()).toEqual(["HERALD_DEMO", "HERALD_HEARTBEAT_MS"]);
    }
  });

  it("requires NEXTAUTH_SECRET outside demo mode and gives no default API key there", () => {
    expect(() => parseEnv({ DATABASE_URL: "postgresql://localhost/x" })).toThrow(/NEXTAUTH_SECRET/);
    const env = parseEnv({ DATABASE_URL: "postgresql://localhost/x", NEXTAUTH_SECRET: "s".repeat(32) });
    expect(env.HERALD_DEMO).toBe(false);
    expect(env.HERALD_API_KEY).toBeUndefined();
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", HERALD_MAX_STREAMS: "" }).HERALD_MAX_STREAMS).toBe(20_000);
  });
});
