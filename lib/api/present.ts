import "server-only";
import type { z } from "zod";
import type { acceptedSchema } from "@/lib/api/schemas";
import { idempotencyKeySchema } from "@/lib/validations/trigger";
import { HeraldError } from "@/lib/errors";
import type { NotifyResult } from "@/lib/notify/notify";

/** The Idempotency-Key header, validated, or undefined. */
export function idempotencyKeyOf(req: Request): string | undefined {
  const raw = req.headers.get("idempotency-key");
  if (raw === null) return undefined;
  const parsed = idempotencyKeySchema.safeParse(raw);
  if (!parsed.success) {
    throw new HeraldError("invalid_request", `Invalid Idempotency-Key header: ${parsed.error.issues[0]?.message}`, {
      issues: [{ path: "Idempotency-Key", message: parsed.error.issues[0]?.message ?? "invalid" }],
    });
  }
  return parsed.data;
}

/**
 * 202 Accepted with the notification and how each recipient was (or will be) reached. Never cached,
 * and not compressed: `no-transform` keeps Next's gzip off this answer of a few hundred bytes,
 * whose zlib stream cost more CPU than anything else Herald does for a one-recipient request.
 */
export function acceptedResponse(result: NotifyResult): Response {
  const headers: Record<string, string> = { "Cache-Control": "no-store, no-transform" };
  if (result.durable) headers.Location = `/api/v1/notifications/${result.envelope.id}`;
  if (result.repeated) headers["Idempotent-Replayed"] = "true";
  return Response.json(
    {
      ...result.envelope,
      durable: result.durable,
      audience: result.audience,
      recipients: result.recipients,
      deliveries: result.deliveries,
      replayed: result.repeated,
    } satisfies z.input<typeof acceptedSchema>,
    { status: 202, headers },
  );
}
