// The trigger API's request bodies (POST /api/v1/notifications, POST /api/v1/broadcasts).
import { z } from "zod";
import { priorities } from "@/lib/events/definition";

// `regex(/\S/)` repeats what trim + min(1) check, for the OpenAPI document (JSON Schema cannot trim).
const recipient = z.string().trim().min(1, "must not be empty").max(254).regex(/\S/, "must not be empty");

const event = {
  type: z.string().min(1).max(64),
  message: z.string().trim().min(1, "must not be empty").max(1000).regex(/\S/, "must not be empty"),
  data: z.record(z.string(), z.unknown()).optional(),
};

export const notificationRequestSchema = z.strictObject({
  to: z.union([recipient, z.array(recipient).min(1, "needs at least one recipient").max(1000)]),
  ...event,
  priority: z.enum(priorities).optional(),
});
export type NotificationRequest = z.infer<typeof notificationRequestSchema>;

export const broadcastRequestSchema = z.strictObject({ ...event, priority: z.enum(priorities).optional() });
export type BroadcastRequest = z.infer<typeof broadcastRequestSchema>;

export const idempotencyKeySchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces");

/** The id in GET /api/v1/notifications/{id}: a notification id (a decimal bigint). */
export const notificationIdSchema = z.string().regex(/^\d{1,19}$/, "must be a notification id");
