import { apiKeyRoute } from "@/lib/api/route";
import { addUserDevice, removeUserDevice } from "@/lib/domain/users/user-devices";
import { addDeviceSchema, externalIdOf, removeDeviceByTokenSchema } from "@/lib/validations/users";

/** Registers a push token (FCM registration token) for the user. */
export const POST = apiKeyRoute({ body: addDeviceSchema }, async ({ body, params }) =>
  Response.json(await addUserDevice(externalIdOf(params), body), { status: 201 }),
);

/** Removes a push token: `{ "token": "…" }`. */
export const DELETE = apiKeyRoute({ body: removeDeviceByTokenSchema }, async ({ body, params }) => {
  await removeUserDevice(externalIdOf(params), body.token);
  return new Response(null, { status: 204 });
});
