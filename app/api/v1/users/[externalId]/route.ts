import { apiKeyRoute } from "@/lib/api/route";
import { eraseUser } from "@/lib/domain/users/erase-user";
import { presentUser, provisionUser } from "@/lib/domain/users/provision-user";
import { externalIdOf, provisionUserSchema } from "@/lib/validations/users";

/** Creates or updates the user another backend knows as :externalId (idempotent). */
export const PUT = apiKeyRoute({ body: provisionUserSchema }, async ({ body, params }) => {
  const externalId = externalIdOf(params);
  const { user, created } = await provisionUser(externalId, body);
  return Response.json(user, {
    status: created ? 201 : 200,
    headers: created ? { Location: `/api/v1/users/${encodeURIComponent(externalId)}` } : undefined,
  });
});

export const GET = apiKeyRoute({}, async ({ params }) => Response.json(await presentUser(externalIdOf(params))));

/** Erases the user's personal data and notifications; later triggers to the id answer 404. */
export const DELETE = apiKeyRoute({}, async ({ params }) => {
  await eraseUser(externalIdOf(params));
  return new Response(null, { status: 204 });
});
