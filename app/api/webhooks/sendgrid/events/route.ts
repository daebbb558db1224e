import type { NextRequest } from "next/server";
import { readText } from "@/lib/api/route";
import { errorResponse, HeraldError, invalid } from "@/lib/errors";
import { requestIdOf } from "@/lib/log";
import { applySendGridEvents, verifySendGrid } from "@/lib/notify/webhooks";
import { sendgridEventsSchema } from "@/lib/validations/webhooks";

/** SendGrid's Event Webhook (signed): delivered / bounce / dropped move the ledger. */
export async function POST(req: NextRequest) {
  try {
    const body = await readText(req);
    verifySendGrid(
      req.headers.get("x-twilio-email-event-webhook-signature"),
      req.headers.get("x-twilio-email-event-webhook-timestamp"),
      body,
    );
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new HeraldError("invalid_json", "The body is not valid JSON");
    }
    const parsed = sendgridEventsSchema.safeParse(json);
    if (!parsed.success) throw invalid(parsed.error, "events");
    return Response.json({ matched: await applySendGridEvents(parsed.data) });
  } catch (err) {
    return errorResponse(err, { requestId: requestIdOf(req) });
  }
}
