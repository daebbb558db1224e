import type { z } from "zod";
import { addUserDevice, removeUserDevice } from "@/lib/api/user-operations";
import { apiRoute } from "@/lib/api/route";
import type { deviceSchema } from "@/lib/api/schemas";
import { addProvisionedDevice, removeProvisionedDevice } from "@/lib/domain/users/user-devices";
import { externalIdOf } from "@/lib/validations/users";

/** Registers a push token (FCM registration token) for the user. */
export const POST = apiRoute(addUserDevice, async ({ body, params }) =>
  Response.json((await addProvisionedDevice(externalIdOf(params), body)) satisfies z.input<typeof deviceSchema>, { status: 201 }),
);

/** Removes a push token: `{ "token": "…" }`. */
export const DELETE = apiRoute(removeUserDevice, async ({ body, params }) => {
  await removeProvisionedDevice(externalIdOf(params), body.token);
  return new Response(null, { status: 204 });
});
