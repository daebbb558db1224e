import "server-only";
// What every server action returns: typed data, or the one error shape (lib/errors.ts) the API
// answers with too, `issues` naming bad fields for forms. Actions never throw to the client.
import type { ErrorShape } from "@/lib/errors";
import { asHeraldError } from "@/lib/error-answer";

export type ActionResult<T = null> = { ok: true; data: T } | { ok: false; error: ErrorShape };

/** Runs an action body; whatever it throws comes back as the error an API route would answer. */
export async function runAction<T>(body: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await body() };
  } catch (err) {
    // Next's redirect()/notFound() work by throwing: let them through.
    if (err instanceof Error && "digest" in err && typeof err.digest === "string" && err.digest.startsWith("NEXT_")) throw err;
    return { ok: false, error: asHeraldError(err).shape };
  }
}
