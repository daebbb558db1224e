// The JSON API's operations, one definition each: the route handler is built from it (its auth and
// the body schema it parses, see apiRoute) and the OpenAPI document is generated from the same
// object (lib/api/openapi.ts), so what is documented is what runs. A new route: define it here
// and add it to `documentedOperations`.
import { z } from "zod";
import type { ZodOpenApiOperationObject } from "zod-openapi";
import { catalogue, emittableTypes, type EventType } from "@/lib/events/catalogue";
import {
  broadcastRequestSchema,
  idempotencyKeySchema,
  notificationIdSchema,
  notificationRequestSchema,
} from "@/lib/validations/trigger";
import { statsQuerySchema } from "@/lib/validations/stats";
import { addDeviceSchema, externalIdSchema, provisionUserSchema, removeDeviceByTokenSchema } from "@/lib/validations/users";
import { acceptedSchema, deviceSchema, errorBodySchema, ledgerSchema, statsSchema, userSchema } from "./schemas";

export type ApiOperation<B extends z.ZodType | undefined = z.ZodType | undefined> = {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** The OpenAPI path template; with the method, also the `route` label of the request metrics. */
  path: `/api/${string}`;
  /** The trigger API key, or the metrics token (HERALD_METRICS_TOKEN, else the API key). */
  auth: "apiKey" | "metrics";
  /** The JSON body the handler parses and validates. */
  body: B;
  /**
   * What the document shows for the body, when the handler checks more than `body` after parsing
   * it (the event's `data` against its type's schema): the drift test holds the two equal.
   */
  documentedBody?: z.ZodType;
  /** Bodies the handler accepts, shown in the document (and sent by the drift test). */
  examples?: Record<string, { summary: string; value: Record<string, unknown> }>;
  doc: Omit<ZodOpenApiOperationObject, "requestBody">;
};

const define = <B extends z.ZodType | undefined>(op: ApiOperation<B>) => op;

export function routeLabel(op: Pick<ApiOperation, "method" | "path">): string {
  return `${op.method.toUpperCase()} ${op.path}`;
}

const json = (schema: z.ZodType, description: string) => ({ description, content: { "application/json": { schema } } });
const failure = (description: string) => json(errorBodySchema, description);
const refused = {
  "401": failure("Missing or wrong bearer token"),
  "503": failure("Disabled: no token configured"),
};
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

export const sendNotification = define({
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

export const sendBroadcast = define({
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

export const getNotification = define({
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

export const getStats = define({
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

export const getMetrics = define({
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

const externalId = { path: z.object({ externalId: externalIdSchema.meta({ description: "Your id for the user (no @)" }) }) };
const invalidBody = {
  "400": failure("Invalid JSON, body or externalId; `issues` names each bad field"),
  "413": failure("Body larger than HERALD_API_MAX_BODY_BYTES"),
  "415": failure("Body not sent as application/json"),
};
const noSuchUser = { "404": failure("No user with this externalId") };

export const putUser = define({
  method: "put",
  path: "/api/v1/users/{externalId}",
  auth: "apiKey",
  body: provisionUserSchema,
  examples: {
    create: {
      summary: "A user with a phone, a time zone and SMS off for trading",
      value: {
        email: "kim@example.com",
        name: "Kim",
        phone: "+15551234567",
        timeZone: "Asia/Seoul",
        preferences: [{ category: "trading", channel: "sms", enabled: false }],
      },
    },
  },
  doc: {
    operationId: "putUser",
    summary: "Create or update a user",
    description:
      "Idempotent: the same body twice leaves the same user. `email` is required; omitted fields stay as they are (`phone: null` removes it). The email counts as confirmed; the user sets a password, if they want the web app, through \"Forgot your password?\".",
    requestParams: externalId,
    responses: {
      "200": json(userSchema, "Updated"),
      "201": json(userSchema, "Created"),
      ...invalidBody,
      "409": failure("The email belongs to another user, or the externalId is another user's Herald id"),
      ...refused,
    },
  },
});

export const getUser = define({
  method: "get",
  path: "/api/v1/users/{externalId}",
  auth: "apiKey",
  body: undefined,
  doc: {
    operationId: "getUser",
    summary: "A provisioned user",
    requestParams: externalId,
    responses: { "200": json(userSchema, "The user"), ...noSuchUser, ...refused },
  },
});

export const deleteUser = define({
  method: "delete",
  path: "/api/v1/users/{externalId}",
  auth: "apiKey",
  body: undefined,
  doc: {
    operationId: "deleteUser",
    summary: "Erase a user",
    description:
      "Ends their sessions (open streams close), deletes the notifications that were only theirs, and the user with all they own. Later notifications to the id answer 404.",
    requestParams: externalId,
    responses: { "204": { description: "Erased" }, ...noSuchUser, ...refused },
  },
});

export const addUserDevice = define({
  method: "post",
  path: "/api/v1/users/{externalId}/devices",
  auth: "apiKey",
  body: addDeviceSchema,
  examples: { phone: { summary: "A phone's FCM registration token", value: { token: "fcm-registration-token-from-the-app", label: "Kim's phone" } } },
  doc: {
    operationId: "addUserDevice",
    summary: "Register a push token",
    description: "The push channel then reaches the user there (a token moves to the user who registered it last).",
    requestParams: externalId,
    responses: { "201": json(deviceSchema, "Registered"), ...invalidBody, ...noSuchUser, ...refused },
  },
});

export const removeUserDevice = define({
  method: "delete",
  path: "/api/v1/users/{externalId}/devices",
  auth: "apiKey",
  body: removeDeviceByTokenSchema,
  examples: { phone: { summary: "Forget a token", value: { token: "fcm-registration-token-from-the-app" } } },
  doc: {
    operationId: "removeUserDevice",
    summary: "Remove a push token",
    requestParams: externalId,
    responses: { "204": { description: "Removed" }, ...invalidBody, "404": failure("No such user, or the token is not theirs"), ...refused },
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
