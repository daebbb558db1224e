import { acceptedResponse, idempotencyKeyOf } from "@/lib/api/present";
import { apiKeyRoute, bodyHash } from "@/lib/api/route";
import { broadcast } from "@/lib/notify";
import { broadcastRequestSchema } from "@/lib/validations/trigger";

/** Server-to-server: send one event to everyone. */
export const POST = apiKeyRoute({ body: broadcastRequestSchema }, async ({ req, body }) => {
  const result = await broadcast(body, { idempotencyKey: idempotencyKeyOf(req), requestHash: bodyHash(body) });
  return acceptedResponse(result);
});
