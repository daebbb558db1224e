// The event catalogue: every event type Herald carries and its rules (lib/events/definition.ts),
// by category in lib/events/kinds/. notify()/broadcast() take `EventInput<T>` (a wrong type or
// data shape does not compile), the trigger API and the browser check the same schemas at run
// time. A schema names every field Herald sends; extra fields from the trigger API are kept.
import type { z } from "zod";
import type { OfflineRules } from "./definition";
import { nftEvents } from "./kinds/nft";
import { socialEvents } from "./kinds/social";
import { streamEvents } from "./kinds/stream";
import { systemEvents } from "./kinds/system";
import { tradingEvents } from "./kinds/trading";

/** Every event type, by category (each kind's file says what its events carry). */
export const catalogue = { ...streamEvents, ...nftEvents, ...tradingEvents, ...socialEvents, ...systemEvents } as const;

export type EventType = keyof typeof catalogue;
type SchemaOf<T extends EventType> = (typeof catalogue)[T]["schema"];
/** An event's `data` as received (the browser, a replay): the named fields, typed, and whatever else was sent. */
export type EventData<T extends EventType> = T extends EventType ? z.output<SchemaOf<T>> : never;
/** An event's `data` as Herald's own code sends it: exactly the named fields (extras do not compile). */
export type EventPayload<T extends EventType> = T extends EventType ? z.input<z.ZodObject<SchemaOf<T>["shape"]>> : never;
export const eventTypes = Object.keys(catalogue) as EventType[];

type Flagged<F extends "control" | "internal"> = {
  [T in EventType]: (typeof catalogue)[T] extends Record<F, true> ? T : never;
}[EventType];
/** Types that notify(), broadcast() and the trigger API accept (not the stream's own control events, nor internal ones). */
export type EmittableType = Exclude<EventType, Flagged<"control"> | Flagged<"internal">>;
export const emittableTypes = eventTypes.filter(
  (t): t is EmittableType => !("control" in catalogue[t]) && !("internal" in catalogue[t]),
);

export function isEventType(value: string): value is EventType {
  return Object.hasOwn(catalogue, value);
}

/** A stored event's offline rules, by the type its row names (null: not a type sent offline). */
export function offlineRulesOf(type: string): OfflineRules | null {
  return isEventType(type) ? catalogue[type].offline : null;
}

export function isEmittableType(value: string): value is EmittableType {
  return isEventType(value) && (emittableTypes as EventType[]).includes(value);
}
