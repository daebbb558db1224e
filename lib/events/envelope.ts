// The envelope every stream frame carries: { id, type, category, priority, message, data, timestamp }.
import { z } from "zod";
import { catalogue, eventTypes, type EventData, type EventPayload, type EventType } from "./catalogue";
import { categories, priorities } from "./definition";

export const envelopeSchema = z.object({
  /** Durable events: the decimal notification id (also the frame's `id:`). Ephemeral: a unique "e…" id. */
  id: z.string(),
  type: z.enum(eventTypes as [EventType, ...EventType[]]),
  category: z.enum(categories),
  priority: z.enum(priorities),
  message: z.string(),
  data: z.record(z.string(), z.unknown()),
  timestamp: z.string(),
});

export type Envelope = z.infer<typeof envelopeSchema>;
/** An envelope of one type, its `data` typed by the catalogue (what the browser's handlers receive). */
export type TypedEnvelope<T extends EventType> = Omit<Envelope, "type" | "data"> & { type: T; data: EventData<T> };

/** Durable ids are decimal strings; anything else is ephemeral and never a replay cursor. */
export function isDurableId(id: string): boolean {
  return /^\d+$/.test(id);
}

/** A stored notification as the envelope streams carry. */
export function toEnvelope(row: {
  id: bigint | string;
  type: string;
  category: string;
  priority: string;
  message: string;
  data: unknown;
  createdAt: Date;
}): Envelope {
  return {
    id: String(row.id),
    type: row.type as Envelope["type"],
    category: row.category as Envelope["category"],
    priority: row.priority as Envelope["priority"],
    message: row.message,
    data: (row.data ?? {}) as Envelope["data"],
    timestamp: row.createdAt.toISOString(),
  };
}

/** An envelope for an event that is not stored (ticks, progress, stream control). */
export function ephemeralEnvelope<T extends EventType>(
  type: T,
  message: string,
  data: EventPayload<T>,
  priority?: Envelope["priority"],
): Envelope {
  const def = catalogue[type];
  return {
    id: `e${crypto.randomUUID()}`,
    type,
    category: def.category,
    priority: priority ?? def.priority,
    message,
    data,
    timestamp: new Date().toISOString(),
  };
}
