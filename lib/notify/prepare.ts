// Turns a caller's event into a validated, complete one, or a 400 naming the bad field.
// In-process callers are typed by the catalogue (EventInput<T>); the trigger API's bodies are not,
// and parseEvent checks them with the same schemas. notify() runs the same check on every event,
// whoever sent it: data built at run time (a spread) is only known then.
import { z } from "zod";
import { catalogue, emittableTypes, isEmittableType, type EmittableType, type EventPayload } from "@/lib/events/catalogue";
import { priorities, type Category, type Priority } from "@/lib/events/definition";
import { HeraldError, issuesOf } from "@/lib/errors";

/** An event as Herald's own code sends it: `data` must match `type`'s schema in the catalogue. */
export type EventInput<T extends EmittableType = EmittableType> = {
  type: T;
  message: string;
  /** Overrides the type's default priority. */
  priority?: Priority;
} & DataOf<T>;
// `data` may be left out only where the type's schema accepts {} (every field optional).
type DataOf<T extends EmittableType> = T extends EmittableType
  ? Partial<EventPayload<T>> extends EventPayload<T>
    ? { data?: EventPayload<T> }
    : { data: EventPayload<T> }
  : never;

/** An event that passed its schema: `data` is there (an absent one was checked as {}). */
export type CheckedEvent<T extends EmittableType = EmittableType> = Omit<EventInput<T>, "data"> & { data: EventPayload<T> };
/** One CheckedEvent per type: what parseEvent hands back, assignable to notify()'s input. */
export type AnyCheckedEvent = { [T in EmittableType]: CheckedEvent<T> }[EmittableType];

/** An event from outside (the trigger API): its type and data are checked at run time. */
export const eventInputSchema = z.object({
  type: z.string().min(1).max(64),
  message: z.string().trim().min(1).max(1000),
  data: z.record(z.string(), z.unknown()).default({}),
  priority: z.enum(priorities).optional(),
});
export type UncheckedEventInput = z.input<typeof eventInputSchema>;

export type PreparedEvent<T extends EmittableType = EmittableType> = {
  type: T;
  category: Category;
  priority: Priority;
  durable: boolean;
  message: string;
  data: EventPayload<T>;
};

/** Checks an event against the catalogue: a known emittable type and data its schema accepts. */
export function parseEvent(input: UncheckedEventInput): AnyCheckedEvent {
  const parsed = eventInputSchema.safeParse(input);
  if (!parsed.success) {
    const issues = issuesOf(parsed.error);
    throw new HeraldError("invalid_request", `Invalid event: ${issues[0]?.path}: ${issues[0]?.message}`, { issues });
  }
  const { type, message, data, priority } = parsed.data;
  if (!isEmittableType(type)) {
    throw new HeraldError("invalid_request", `Unknown event type "${type}"`, {
      issues: [{ path: "type", message: `must be one of: ${emittableTypes.join(", ")}` }],
    });
  }
  const checked = catalogue[type].schema.safeParse(data);
  if (!checked.success) {
    const issues = issuesOf(checked.error).map((i) => ({ ...i, path: `data.${i.path}` }));
    throw new HeraldError("invalid_request", `Invalid data for ${type}: ${issues[0]?.path}: ${issues[0]?.message}`, {
      issues,
    });
  }
  // The schema looked up by `type` is the one that accepted `data`: the pair is that type's event.
  return { type, message, data: checked.data, priority } as AnyCheckedEvent;
}

export function prepareEvent<T extends EmittableType>(input: EventInput<T>): PreparedEvent<T> {
  // parseEvent checked `input` against T's schema: its answer is T's event (defaults filled in).
  const { type, message, data, priority } = parseEvent(input) as CheckedEvent<T>;
  const def = catalogue[type];
  return {
    type,
    category: def.category,
    priority: priority ?? def.priority,
    durable: def.durable,
    message,
    data,
  };
}
