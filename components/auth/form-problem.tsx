"use client";
import { Callout } from "@radix-ui/themes";
import type { ActionResult } from "@/lib/actions/result";

/** A failed action's message when it names no field (a rate limit, an expired link): fields show their own. */
export function FormProblem({ result }: { result: ActionResult<unknown> | null }) {
  if (!result || result.ok || result.error.issues) return null;
  return (
    <Callout.Root color="red" role="alert">
      <Callout.Text>{result.error.message}</Callout.Text>
    </Callout.Root>
  );
}
