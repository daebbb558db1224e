// What every server action returns: typed data, or an error the UI can show (with per-field
// messages for forms). Actions never throw to the client.
import { ZodError } from "zod";
import { isHeraldError, type ErrorCode } from "@/lib/errors";
import { log } from "@/lib/log";

export type ActionError = { code: ErrorCode; message: string; fieldErrors?: Record<string, string[]> };
export type ActionResult<T = null> = { ok: true; data: T } | { ok: false; error: ActionError };

/** Runs an action body and turns HeraldError / ZodError into a typed failure. */
export async function runAction<T>(body: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await body() };
  } catch (err) {
    if (isHeraldError(err)) return { ok: false, error: { code: err.code, message: err.message } };
    if (err instanceof ZodError) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of err.issues) (fieldErrors[issue.path.join(".") || "_"] ??= []).push(issue.message);
      return { ok: false, error: { code: "invalid_request", message: err.issues[0]?.message ?? "Invalid input", fieldErrors } };
    }
    // Next's redirect()/notFound() work by throwing: let them through.
    if (err instanceof Error && "digest" in err && typeof err.digest === "string" && err.digest.startsWith("NEXT_")) throw err;
    log().error({ err }, "server action failed");
    return { ok: false, error: { code: "internal", message: "Something went wrong; try again" } };
  }
}
