import { sendBroadcast } from "@/lib/api/operations";
import { acceptedResponse, idempotencyKeyOf } from "@/lib/api/present";
import { apiRoute, bodyHash } from "@/lib/api/route";
import { broadcast } from "@/lib/notify/notify";
import { parseEvent } from "@/lib/notify/prepare";

/** Server-to-server: send one event to everyone. */
export const POST = apiRoute(sendBroadcast, async ({ req, body }) => {
  const result = await broadcast(parseEvent(body), { idempotencyKey: idempotencyKeyOf(req), requestHash: bodyHash(body) });
  return acceptedResponse(result);
});
