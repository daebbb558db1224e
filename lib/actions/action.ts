import "server-only";
// One typed wrapper for every server action: who may call it is checked first (signed in, or an
// admin), then the input is parsed with the action's zod schema, then the action runs; whatever it
// throws comes back as a typed ActionResult (lib/actions/result.ts). An action file is then a
// list of `export const x = userAction(schema, (user, input) => ...)`.
import type { z } from "zod";
import { requireAdmin, requireUser, type Viewer } from "@/lib/auth/viewer";
import { runAction, type ActionResult } from "./result";

type WithInput<S extends z.ZodType, T> = (input: z.input<S>) => Promise<ActionResult<T>>;
type NoInput<T> = () => Promise<ActionResult<T>>;

function guarded<U>(who: () => Promise<U>) {
  function action<T>(fn: (user: U) => Promise<T>): NoInput<T>;
  function action<S extends z.ZodType, T>(schema: S, fn: (user: U, input: z.output<S>) => Promise<T>): WithInput<S, T>;
  function action<S extends z.ZodType, T>(
    schemaOrFn: S | ((user: U) => Promise<T>),
    fn?: (user: U, input: z.output<S>) => Promise<T>,
  ): WithInput<S, T> | NoInput<T> {
    if (typeof schemaOrFn === "function") return async () => runAction(async () => schemaOrFn(await who()));
    const schema = schemaOrFn;
    return async (input: z.input<S>) =>
      runAction(async () => {
        const user = await who();
        return fn!(user, schema.parse(input));
      });
  }
  return action;
}

/** An action for the signed-in user (`unauthorized` otherwise). */
export const userAction = guarded<Viewer>(requireUser);

/** An action for admins only (`unauthorized`, or `forbidden` for a user who is not an admin). */
export const adminAction = guarded<Viewer>(requireAdmin);

/** An action anyone may call (sign-up, password reset, ...): its input is parsed all the same. */
export function publicAction<S extends z.ZodType, T>(schema: S, fn: (input: z.output<S>) => Promise<T>): WithInput<S, T> {
  return async (input: z.input<S>) => runAction(async () => fn(schema.parse(input)));
}
