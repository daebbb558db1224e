import { sendNotification } from "@/lib/api/operations";
import { acceptedResponse, idempotencyKeyOf } from "@/lib/api/present";
import { apiRoute, bodyHash } from "@/lib/api/route";
import { notify } from "@/lib/notify/notify";
import { parseEvent } from "@/lib/notify/prepare";
import { resolveRecipients } from "@/lib/notify/recipients";

/** Server-to-server: send one event to users (by id or email). */
export const POST = apiRoute(sendNotification, async ({ req, body }) => {
  const idempotencyKey = idempotencyKeyOf(req);
  const userIds = await resolveRecipients(Array.isArray(body.to) ? body.to : [body.to]);
  const result = await notify(userIds, parseEvent(body), { idempotencyKey, requestHash: bodyHash(body) });
  return acceptedResponse(result);
});
