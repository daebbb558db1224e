// Provider callbacks, validated before they touch the ledger.
import { z } from "zod";

/** Twilio's message status callback (form fields; others are ignored). */
export const twilioStatusSchema = z.looseObject({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-zA-Z]{32}$/, "must be a message SID"),
  MessageStatus: z.string().min(1).max(40),
  ErrorCode: z.string().max(20).optional(),
});

/** SendGrid's Event Webhook: an array of events; ours carry `herald_delivery` (custom args). */
export const sendgridEventsSchema = z
  .array(
    z.looseObject({
      event: z.string().min(1).max(40),
      herald_delivery: z.string().max(100).optional(),
      sg_message_id: z.string().max(200).optional(),
      reason: z.string().max(1000).optional(),
      response: z.string().max(1000).optional(),
    }),
  )
  .max(1000);
