"use client";
// Server actions return ActionResult: failures become an error toast (sonner's region is
// aria-live), successes optionally a short confirmation.
import { toast } from "sonner";
import type { ActionResult } from "@/lib/actions/result";

export async function withFeedback<T>(call: Promise<ActionResult<T>>, success?: string): Promise<ActionResult<T>> {
  const result = await call.catch(
    (): ActionResult<T> => ({ ok: false, error: { code: "unavailable", message: "Could not reach the server; try again" } }),
  );
  if (!result.ok) toast.error(result.error.message);
  else if (success) toast.success(success);
  return result;
}

/** Per-field messages of a failed action, for inline form errors. */
export function fieldError(result: ActionResult<unknown> | null, field: string): string | undefined {
  return result && !result.ok ? result.error.fieldErrors?.[field]?.[0] : undefined;
}
