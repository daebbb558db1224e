import { edgeRoute } from "@/lib/api/edge";
import { readText } from "@/lib/api/route";
import { HeraldError, invalid } from "@/lib/errors";
import { applySendGridEvents, verifySendGrid } from "@/lib/notify/webhooks";
import { sendgridEventsSchema } from "@/lib/validations/webhooks";

/** SendGrid's Event Webhook (signed): delivered / bounce / dropped move the ledger. */
export const POST = edgeRoute({ route: "POST /api/webhooks/sendgrid/events", access: { public: true } }, async ({ req }) => {
  const body = await readText(req);
  verifySendGrid(req.headers.get("x-twilio-email-event-webhook-signature"), req.headers.get("x-twilio-email-event-webhook-timestamp"), body);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new HeraldError("invalid_json", "The body is not valid JSON");
  }
  const parsed = sendgridEventsSchema.safeParse(json);
  if (!parsed.success) throw invalid(parsed.error, "events");
  return Response.json({ matched: await applySendGridEvents(parsed.data) });
});
