// One dispatch for every stream event: a frame is parsed against the shared catalogue (its type
// must be known and its data must match that type's schema) and handed to the handlers of its
// type, then to "*" handlers, with where it is shown (one tab of the user's shows each event).
// Handlers are typed by the catalogue.
import { catalogue, type EventType } from "@/lib/events/catalogue";
import { envelopeSchema, type Envelope, type TypedEnvelope } from "@/lib/events/envelope";

/** Where an event is shown: in this tab, in another of the user's tabs, or in none (all hidden). */
export type Where = "here" | "other" | "none";
export type Shown = { where: Where };
export type AnyHandler = (event: Envelope, shown: Shown) => void;

/** A frame's text as an envelope, or null when it is not JSON, not an envelope, or its data is invalid. */
export function parseEnvelope(text: string): Envelope | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) return null;
  const data = catalogue[parsed.data.type].schema.safeParse(parsed.data.data);
  if (!data.success) return null;
  return { ...parsed.data, data: data.data };
}

export class Dispatcher {
  private readonly handlers = new Map<EventType | "*", Set<AnyHandler>>();

  on<T extends EventType>(type: T, handler: (event: TypedEnvelope<T>, shown: Shown) => void): () => void;
  on(type: "*", handler: AnyHandler): () => void;
  on(type: EventType | "*", handler: AnyHandler): () => void {
    const set = this.handlers.get(type) ?? new Set<AnyHandler>();
    set.add(handler);
    this.handlers.set(type, set);
    return () => void set.delete(handler);
  }

  /** Calls the type's handlers, then the "*" handlers; one failing handler does not stop the rest. */
  dispatch(event: Envelope, shown: Shown = { where: "here" }): void {
    for (const key of [event.type, "*"] as const) {
      for (const handler of [...(this.handlers.get(key) ?? [])]) {
        try {
          handler(event, shown);
        } catch (err) {
          console.error(`[herald] handler for ${event.type} failed`, err);
        }
      }
    }
  }
}
