import { acceptedResponse, idempotencyKeyOf } from "@/lib/api/present";
import { apiKeyRoute, bodyHash } from "@/lib/api/route";
import { notify, resolveRecipients } from "@/lib/notify";
import { notificationRequestSchema } from "@/lib/validations/trigger";

/** Server-to-server: send one event to users (by id or email). */
export const POST = apiKeyRoute({ body: notificationRequestSchema }, async ({ req, body }) => {
  const idempotencyKey = idempotencyKeyOf(req);
  const userIds = await resolveRecipients(Array.isArray(body.to) ? body.to : [body.to]);
  const result = await notify(userIds, body, { idempotencyKey, requestHash: bodyHash(body) });
  return acceptedResponse(result);
});
