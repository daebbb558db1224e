import { edgeRoute } from "@/lib/api/edge";
import { readText } from "@/lib/api/route";
import { invalid } from "@/lib/errors";
import { applyTwilioStatus, verifyTwilio } from "@/lib/notify/webhooks";
import { twilioStatusSchema } from "@/lib/validations/webhooks";

/** Twilio's message status callback: delivered / undelivered / failed move the ledger. */
export const POST = edgeRoute({ route: "POST /api/webhooks/twilio/status", access: { public: true } }, async ({ req }) => {
  const params = Object.fromEntries(new URLSearchParams(await readText(req)));
  verifyTwilio(req.headers.get("x-twilio-signature"), params);
  const parsed = twilioStatusSchema.safeParse(params);
  if (!parsed.success) throw invalid(parsed.error, "status callback");
  await applyTwilioStatus(parsed.data);
  return new Response(null, { status: 204 });
});
