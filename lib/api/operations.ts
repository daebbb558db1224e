// The JSON API's operations, one definition each (lib/api/operation.ts says what one is). A new
// route: defineOperation it here (or beside its kin, as lib/api/user-operations.ts) and add it to
// `documentedOperations`.
import { z } from "zod";
import { catalogue, emittableTypes, type EventType } from "@/lib/events/catalogue";
import {
  broadcastRequestSchema,
  idempotencyKeySchema,
  notificationIdSchema,
  notificationRequestSchema,
} from "@/lib/validations/trigger";
import { statsQuerySchema } from "@/lib/validations/stats";
import { defineOperation, failure, json, refused, type ApiOperation } from "./operation";
import { acceptedSchema, ledgerSchema, statsSchema } from "./schemas";
import { addUserDevice, deleteUser, getUser, putUser, removeUserDevice } from "./user-operations";

const sendFailures = {
  ...refused,
  "400": failure("Invalid JSON, body, event type or data; `issues` names each bad field"),
  "409": failure("The Idempotency-Key was used with a different body"),
  "413": failure("Body larger than HERALD_API_MAX_BODY_BYTES"),
  "415": failure("Body not sent as application/json"),
};
const idempotency = {
  header: z.object({
    "idempotency-key": idempotencyKeySchema.optional().meta({
      description: "Retrying with the same key returns the first answer and sends nothing again",
    }),
  }),
};
const accepted = {
  description: "Accepted: stored (durable types) and published; `deliveries` says how each recipient is reached",
  content: { "application/json": { schema: acceptedSchema } },
};

/** Each type's `data` schema from the catalogue, as a named component of the document. */
const eventData = new Map<EventType, z.ZodType>(
  emittableTypes.map((type) => {
    const def = catalogue[type];
    const data = def.schema.meta({ id: `${type}_data`, description: `\`data\` of ${type} (${def.category}, ${def.priority} priority by default)` });
    // Absent data is checked as {}: it may be left out only where the type's schema accepts {}.
    return [type, def.schema.safeParse({}).success ? data.optional() : data];
  }),
);

/** The body with one variant per event type, each with its `data` schema. */
function withEventData<S extends z.ZodObject>(body: S) {
  const variants = emittableTypes.map((type) =>
    body.extend({ type: z.literal(type), data: eventData.get(type)! }).meta({ title: type }),
  );
  return z.discriminatedUnion("type", variants as unknown as [S, ...S[]]);
}

export const sendNotification = defineOperation({
  method: "post",
  path: "/api/v1/notifications",
  auth: "apiKey",
  body: notificationRequestSchema,
  documentedBody: withEventData(notificationRequestSchema).meta({ id: "NotificationRequest" }),
  examples: {
    priceAlert: {
      summary: "A price alert to one user, by email",
      value: { to: "bob@herald.test", type: "price_alert", message: "SOL reached your target price!", data: { symbol: "SOL", price: 180 } },
    },
    securityAlert: {
      summary: "A security alert to two users, by id, sent by SMS to whoever is away",
      value: { to: ["u_bob", "u_carol"], type: "security_alert", message: "New sign-in from Firefox on Linux", data: { kind: "new_device", device: "Firefox on Linux" } },
    },
  },
  doc: {
    operationId: "sendNotification",
    summary: "Send an event to users",
    description:
      "Online recipients get it on their stream at once; the others later, by SMS, push or email according to its priority and their settings. `to` takes user ids, external ids (provisioned users) or emails.",
    requestParams: idempotency,
    responses: { "202": accepted, "404": failure("A recipient is unknown (or was erased): nothing was sent; `issues` names each"), ...sendFailures },
  },
});

export const sendBroadcast = defineOperation({
  method: "post",
  path: "/api/v1/broadcasts",
  auth: "apiKey",
  body: broadcastRequestSchema,
  documentedBody: withEventData(broadcastRequestSchema).meta({ id: "BroadcastRequest" }),
  examples: {
    maintenance: {
      summary: "A maintenance notice",
      value: { type: "system_maintenance", message: "Scheduled maintenance in 10 minutes", data: { startTime: "2026-01-15T02:00:00Z" } },
    },
    announcement: {
      summary: "A feature announcement with a low priority",
      value: { type: "feature_announcement", message: "New trading pairs available!", data: { pairs: ["BONK/USDT", "WIF/SOL"] }, priority: "low" },
    },
  },
  doc: {
    operationId: "sendBroadcast",
    summary: "Send an event to everyone",
    description: "Every open stream gets it now; durable types are replayed to anyone who reconnects later.",
    requestParams: idempotency,
    responses: { "202": accepted, ...sendFailures },
  },
});

export const getNotification = defineOperation({
  method: "get",
  path: "/api/v1/notifications/{id}",
  auth: "apiKey",
  body: undefined,
  doc: {
    operationId: "getNotification",
    summary: "A notification's delivery ledger",
    requestParams: { path: z.object({ id: notificationIdSchema }) },
    responses: { "200": json(ledgerSchema, "The ledger"), "404": failure("No such notification"), ...refused },
  },
});

export const getStats = defineOperation({
  method: "get",
  path: "/api/v1/stats",
  auth: "apiKey",
  body: undefined,
  doc: {
    operationId: "getStats",
    summary: "Open streams and online users of this instance",
    requestParams: { query: statsQuerySchema },
    responses: { "200": json(statsSchema, "This instance's counts"), "404": failure("No user with that id, external id or email"), ...refused },
  },
});

export const getMetrics = defineOperation({
  method: "get",
  path: "/api/metrics",
  auth: "metrics",
  body: undefined,
  doc: {
    operationId: "getMetrics",
    summary: "Prometheus metrics of this instance",
    description:
      "Text exposition format 0.0.4. Bearer HERALD_METRICS_TOKEN, or the API key when no metrics token is set. Streams, events, fan-out latency, trigger API requests, outbox depth, provider attempts, the bus, and Node's process metrics.",
    security: [{ metricsToken: [] }],
    responses: {
      "200": { description: "The metrics", content: { "text/plain": { schema: z.string() } } },
      ...refused,
    },
  },
});

/** Everything the OpenAPI document describes, in its order. */
export const documentedOperations: ApiOperation[] = [
  sendNotification,
  sendBroadcast,
  getNotification,
  putUser,
  getUser,
  deleteUser,
  addUserDevice,
  removeUserDevice,
  getStats,
  getMetrics,
];
