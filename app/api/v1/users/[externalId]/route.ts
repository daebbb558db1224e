import type { z } from "zod";
import { deleteUser, getUser, putUser } from "@/lib/api/user-operations";
import { apiRoute } from "@/lib/api/route";
import type { userSchema } from "@/lib/api/schemas";
import { eraseUser } from "@/lib/domain/users/erase-user";
import { presentUser, provisionUser } from "@/lib/domain/users/provision-user";
import { externalIdOf } from "@/lib/validations/users";

/** Creates or updates the user another backend knows as :externalId (idempotent). */
export const PUT = apiRoute(putUser, async ({ body, params }) => {
  const externalId = externalIdOf(params);
  const { user, created } = await provisionUser(externalId, body);
  return Response.json(user satisfies z.input<typeof userSchema>, {
    status: created ? 201 : 200,
    headers: created ? { Location: `/api/v1/users/${encodeURIComponent(externalId)}` } : undefined,
  });
});

export const GET = apiRoute(getUser, async ({ params }) => Response.json((await presentUser(externalIdOf(params))) satisfies z.input<typeof userSchema>));

/** Erases the user's personal data and notifications; later triggers to the id answer 404. */
export const DELETE = apiRoute(deleteUser, async ({ params }) => {
  await eraseUser(externalIdOf(params));
  return new Response(null, { status: 204 });
});
