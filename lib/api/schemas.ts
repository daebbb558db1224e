// What the JSON API answers, as zod schemas: the OpenAPI document shows them, and the handlers'
// answers are type-checked against them (`satisfies`), so the two cannot drift apart silently.
import { z } from "zod";
import { envelopeSchema } from "@/lib/events/envelope";
import { errorStatus } from "@/lib/errors";

export const channelSchema = z.enum(["sse", "sms", "push", "email"]);
export const deliveryStatusSchema = z.enum(["pending", "sending", "sent", "captured", "delivered", "missed", "failed", "dead", "cancelled"]);

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(errorStatus) as [keyof typeof errorStatus, ...(keyof typeof errorStatus)[]]),
      message: z.string(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: "Error", description: "Every JSON error looks like this; `issues` names each bad field" });

export const deliveryOutcomeSchema = z.object({
  userId: z.string(),
  channel: channelSchema,
  status: z.string(),
  reason: z.string().nullable(),
});

export const acceptedSchema = envelopeSchema
  .extend({
    durable: z.boolean().meta({ description: "Stored, replayed on reconnect and given a ledger (ticks and progress are not)" }),
    audience: z.enum(["users", "broadcast"]),
    recipients: z.array(z.string()).meta({ description: "User ids the notification went to (empty for a broadcast)" }),
    deliveries: z.array(deliveryOutcomeSchema),
    replayed: z.boolean().meta({ description: "True when an Idempotency-Key matched an earlier request: nothing new was sent" }),
  })
  .meta({ id: "Accepted" });

const timelineEntrySchema = z.object({
  at: z.string(),
  userId: z.string(),
  deliveryId: z.string(),
  kind: z.string().meta({ description: "decision | route | attempt | cancelled | status" }),
  channel: channelSchema,
  outcome: z.string(),
  detail: z.string().nullable(),
  attempt: z.number().int().nullable(),
  httpStatus: z.number().int().nullable(),
  providerMessageId: z.string().nullable(),
  destination: z.string().nullable(),
  worker: z.string().nullable(),
});

export const ledgerSchema = envelopeSchema
  .extend({
    audience: z.enum(["users", "broadcast"]),
    recipients: z.array(z.string()),
    deliveries: z.array(
      z.object({
        id: z.string(),
        userId: z.string(),
        channel: channelSchema,
        trigger: z.string(),
        status: deliveryStatusSchema,
        reason: z.string().nullable(),
        destination: z.string().nullable(),
        attempts: z.number().int(),
        nextAttemptAt: z.string().nullable(),
        providerMessageId: z.string().nullable(),
        lastError: z.string().nullable(),
        payload: z.unknown().meta({ description: "The message as composed for its channel" }),
        createdAt: z.string(),
        updatedAt: z.string(),
      }),
    ),
    timeline: z.array(timelineEntrySchema),
  })
  .meta({ id: "Ledger", description: "Who got the notification, on which channel and why, with every step" });

export const statsSchema = z
  .object({
    streams: z.number().int(),
    users: z.number().int(),
    user: z
      .object({
        id: z.string(),
        streams: z.number().int().meta({ description: "The user's open streams on this instance" }),
        online: z.boolean().meta({
          description: "Whether presence counts them online on any instance (a stream open, or closed less than HERALD_PRESENCE_LINGER_MS ago)",
        }),
      })
      .optional()
      .meta({ description: "With `?user=`: that user" }),
  })
  .meta({ id: "Stats", description: "Open streams and users with one, on the instance that answered" });

export const deviceSchema = z
  .object({ id: z.string(), label: z.string(), token: z.string(), createdAt: z.string() })
  .meta({ id: "Device", description: "A push token (FCM registration token) of the user" });

export const userSchema = z
  .object({
    externalId: z.string().meta({ description: "Your id for the user" }),
    id: z.string().meta({ description: "Herald's id for the user" }),
    email: z.string(),
    name: z.string(),
    phone: z.string().nullable(),
    timeZone: z.string(),
    createdAt: z.string(),
    preferences: z.array(z.object({ category: z.string(), channel: z.string(), enabled: z.boolean() })),
    devices: z.array(deviceSchema),
  })
  .meta({ id: "User", description: "A provisioned user, with their channel preferences and push devices" });
