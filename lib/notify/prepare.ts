// Turns a caller's event into a validated, complete one, or a 400 naming the bad field.
import { z } from "zod";
import { catalogue, emittableTypes, isEventType, priorities, type EventType, type Priority } from "@/lib/events/catalogue";
import { HeraldError, issuesOf } from "@/lib/errors";

export const eventInputSchema = z.object({
  type: z.string().min(1).max(64),
  message: z.string().trim().min(1).max(1000),
  data: z.record(z.string(), z.unknown()).default({}),
  priority: z.enum(priorities).optional(),
});
export type EventInput = z.input<typeof eventInputSchema>;

export type PreparedEvent = {
  type: EventType;
  category: (typeof catalogue)[EventType]["category"];
  priority: Priority;
  durable: boolean;
  message: string;
  data: Record<string, unknown>;
};

export function prepareEvent(input: EventInput): PreparedEvent {
  const parsed = eventInputSchema.safeParse(input);
  if (!parsed.success) {
    const issues = issuesOf(parsed.error);
    throw new HeraldError("invalid_request", `Invalid event: ${issues[0]?.path}: ${issues[0]?.message}`, { issues });
  }
  const { type, message, data, priority } = parsed.data;
  if (!isEventType(type) || !emittableTypes.includes(type)) {
    throw new HeraldError("invalid_request", `Unknown event type "${type}"`, {
      issues: [{ path: "type", message: `must be one of: ${emittableTypes.join(", ")}` }],
    });
  }
  const def = catalogue[type];
  const checked = def.schema.safeParse(data);
  if (!checked.success) {
    const issues = issuesOf(checked.error).map((i) => ({ ...i, path: `data.${i.path}` }));
    throw new HeraldError("invalid_request", `Invalid data for ${type}: ${issues[0]?.path}: ${issues[0]?.message}`, {
      issues,
    });
  }
  return {
    type,
    category: def.category,
    priority: priority ?? def.priority,
    durable: def.durable,
    message,
    data: checked.data as Record<string, unknown>,
  };
}
