// The user-provisioning operations of the JSON API (see lib/api/operation.ts): create or update,
// read and erase a user by your id for them, and their push tokens.
import { z } from "zod";
import { addDeviceSchema, externalIdSchema, provisionUserSchema, removeDeviceByTokenSchema } from "@/lib/validations/users";
import { defineOperation, failure, json, refused } from "./operation";
import { deviceSchema, userSchema } from "./schemas";

const externalId = { path: z.object({ externalId: externalIdSchema.meta({ description: "Your id for the user (no @)" }) }) };
const invalidBody = {
  "400": failure("Invalid JSON, body or externalId; `issues` names each bad field"),
  "413": failure("Body larger than HERALD_API_MAX_BODY_BYTES"),
  "415": failure("Body not sent as application/json"),
};
const noSuchUser = { "404": failure("No user with this externalId") };

export const putUser = defineOperation({
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

export const getUser = defineOperation({
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

export const deleteUser = defineOperation({
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

export const addUserDevice = defineOperation({
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

export const removeUserDevice = defineOperation({
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
