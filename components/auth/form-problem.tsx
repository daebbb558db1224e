"use client";
import { Callout } from "@radix-ui/themes";
import type { ActionResult } from "@/lib/actions/result";

/** A failed action's message when it is not about one field (a rate limit, an expired link). */
export function FormProblem({ result }: { result: ActionResult<unknown> | null }) {
  if (!result || result.ok || result.error.fieldErrors) return null;
  return (
    <Callout.Root color="red" role="alert">
      <Callout.Text>{result.error.message}</Callout.Text>
    </Callout.Root>
  );
}
