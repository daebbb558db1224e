import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSession } from "./session-token";

const secret = "a-test-secret-that-is-long-enough-0123";

describe("decodeSession", () => {
  it("reads a session token that next-auth encoded", async () => {
    const token = await encode({ token: { uid: "u_bob", role: "USER", sid: "s1" }, secret });
    expect(await decodeSession({ token, secret })).toMatchObject({ uid: "u_bob", role: "USER", sid: "s1" });
  });

  it("refuses a token made with another secret, a tampered one and an expired one", async () => {
    const token = await encode({ token: { uid: "u_bob", role: "USER", sid: "s1" }, secret });
    await expect(decodeSession({ token, secret: `${secret}-other` })).rejects.toThrow();
    const tampered = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    await expect(decodeSession({ token: tampered, secret })).rejects.toThrow();
    const expired = await encode({ token: { uid: "u_bob", role: "USER", sid: "s1" }, secret, maxAge: -60 });
    await expect(decodeSession({ token: expired, secret })).rejects.toThrow();
  });
});
