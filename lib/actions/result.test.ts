import { describe, expect, it } from "vitest";
import { z } from "zod";
import { errorResponse } from "@/lib/error-answer";
import { HeraldError } from "@/lib/errors";
import { runAction } from "./result";

const refused = async (thrown: unknown) => {
  const result = await runAction(async () => {
    throw thrown;
  });
  if (result.ok) throw new Error("the action succeeded");
  return result.error;
};

describe("runAction", () => {
  it("answers an unreachable database as `unavailable`, as the API does, not `internal`", async () => {
    const down = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const error = await refused(down);
    expect(error).toEqual({ code: "unavailable", message: expect.stringContaining("database is unreachable") });
    const api = (await errorResponse(down).json()) as { error: unknown };
    expect(api.error).toEqual(error);
  });

  it("names bad fields with the API's issues, path by path", async () => {
    const schema = z.object({ email: z.email(), prefs: z.array(z.object({ on: z.boolean() })) });
    const parsed = schema.safeParse({ email: "no", prefs: [{ on: "yes" }] });
    const error = await refused(parsed.error);
    expect(error.code).toBe("invalid_request");
    expect(error.issues?.map((i) => i.path)).toEqual(["email", "prefs.0.on"]);
    const api = (await errorResponse(parsed.error).json()) as { error: unknown };
    expect(api.error).toEqual(error);
  });

  it("keeps a HeraldError as thrown and hides anything else behind `internal`", async () => {
    expect(await refused(new HeraldError("not_found", "No such thing", { issues: [{ path: "id", message: "unknown" }] }))).toEqual({
      code: "not_found",
      message: "No such thing",
      issues: [{ path: "id", message: "unknown" }],
    });
    expect(await refused(new Error("secret detail"))).toEqual({ code: "internal", message: "Internal server error" });
    expect(await runAction(async () => 42)).toEqual({ ok: true, data: 42 });
  });

  it("lets Next's redirect through", async () => {
    const redirect = Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;replace;/signin;307;" });
    await expect(runAction(async () => Promise.reject(redirect))).rejects.toBe(redirect);
  });
});
