"use client";
// Server actions return ActionResult: failures become an error toast (sonner's region is
// aria-live), successes optionally a short confirmation; forms show per-field messages inline.
import { Text, TextField } from "@radix-ui/themes";
import { useRouter } from "next/navigation";
import { useState, useTransition, type ComponentProps, type CSSProperties, type FormEvent, type ReactNode } from "react";
import { toast } from "sonner";
import type { input, ZodError, ZodType } from "zod";
import type { ActionResult } from "@/lib/actions/result";
import { invalid } from "@/lib/errors";

export async function withFeedback<T>(call: Promise<ActionResult<T>>, success?: string): Promise<ActionResult<T>> {
  const result = await call.catch(
    (): ActionResult<T> => ({ ok: false, error: { code: "unavailable", message: "Could not reach the server; try again" } }),
  );
  if (!result.ok) toast.error(result.error.message);
  else if (success) toast.success(success);
  return result;
}

/** A form's own zod check failing, in the shape a failed action has (so one renderer serves both). */
function invalidInput(error: ZodError): ActionResult<never> {
  return { ok: false, error: invalid(error, "form").shape };
}

/** The first issue a failed action (or the form's own check) names for this field or inside it. */
export function fieldError(result: ActionResult<unknown> | null, field: string): string | undefined {
  if (!result || result.ok) return undefined;
  return result.error.issues?.find((i) => i.path === field || i.path.startsWith(`${field}.`))?.message;
}

export function FieldError(props: { result: ActionResult<unknown> | null; name: string; id?: string }) {
  const message = fieldError(props.result, props.name);
  if (!message) return null;
  return (
    <Text id={props.id} className="field-error" role="alert">
      {message}
    </Text>
  );
}

/**
 * A labelled text field with the action's message for it underneath; marked invalid (and, when
 * it has an id, described by that message) while the action refuses it.
 */
export function Field({
  label,
  name,
  result,
  style,
  ...input
}: { label: ReactNode; name: string; result: ActionResult<unknown> | null; style?: CSSProperties } & Omit<
  ComponentProps<typeof TextField.Root>,
  "name" | "style"
>) {
  const error = fieldError(result, name);
  const errorId = input.id ? `${input.id}-error` : undefined;
  return (
    <label htmlFor={input.id} style={style}>
      {label}
      <TextField.Root {...input} name={name} aria-invalid={!!error} aria-describedby={error ? errorId : undefined} />
      <FieldError result={result} name={name} id={errorId} />
    </label>
  );
}

/**
 * A form that checks its input with the action's own zod schema first (instant field errors),
 * then calls the server action, which validates again; the form resets on success.
 */
export function useActionForm<S extends ZodType, T>(opts: {
  schema: S;
  read: (data: FormData) => Record<string, unknown>;
  action: (input: input<S>) => Promise<ActionResult<T>>;
  success?: string;
  onDone?: (data: T) => void;
}) {
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [busy, setBusy] = useState(false);
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const input = opts.read(new FormData(form));
    const parsed = opts.schema.safeParse(input);
    if (!parsed.success) return setResult(invalidInput(parsed.error));
    setBusy(true);
    // The raw input, which the schema accepted: the server action parses it again.
    const r = await withFeedback(opts.action(input as input<S>), opts.success);
    setBusy(false);
    setResult(r);
    if (r.ok) {
      form.reset();
      opts.onDone?.(r.data);
    }
  }
  return { result, busy, onSubmit };
}

/** Runs an action with the app's one feedback path (toasts, inline field errors), then re-reads the page. */
export function useRefreshingAction() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const run = <T,>(action: () => Promise<ActionResult<T>>, done: string, after?: (data: T) => void) =>
    start(async () => {
      const r = await withFeedback(action(), done);
      setResult(r);
      if (r.ok) {
        after?.(r.data);
        router.refresh();
      }
    });
  return { pending, result, run };
}
