import type { NextRequest } from "next/server";
import { readText } from "@/lib/api/route";
import { errorResponse, invalid } from "@/lib/errors";
import { requestIdOf } from "@/lib/log";
import { applyTwilioStatus, verifyTwilio } from "@/lib/notify/webhooks";
import { twilioStatusSchema } from "@/lib/validations/webhooks";

/** Twilio's message status callback: delivered / undelivered / failed move the ledger. */
export async function POST(req: NextRequest) {
  try {
    const params = Object.fromEntries(new URLSearchParams(await readText(req)));
    verifyTwilio(req.headers.get("x-twilio-signature"), params);
    const parsed = twilioStatusSchema.safeParse(params);
    if (!parsed.success) throw invalid(parsed.error, "status callback");
    await applyTwilioStatus(parsed.data);
    return new Response(null, { status: 204 });
  } catch (err) {
    return errorResponse(err, { requestId: requestIdOf(req) });
  }
}
