import "server-only";
// Email through SendGrid's SDK, set up as docs/architecture.md describes ("Provider SDKs against
// loopback fakes"): our own Client, the API key first, then the base URL (SENDGRID_API_BASE_URL in
// tests and behind proxies). SendGrid does not retry by itself; the outbox does.
import { Client } from "@sendgrid/client";
import { MailService } from "@sendgrid/mail";
import type { OutboundMessage } from "../compose";
import { httpFailure, networkFailure, type ChannelAdapter } from "./types";

export type SendGridConfig = { apiKey: string; from: string; baseUrl?: string };

type SendGridFailure = Error & { code?: unknown; response?: { headers?: Record<string, unknown>; body?: unknown } };

export function sendgridAdapter(config: SendGridConfig): ChannelAdapter {
  const client = new Client();
  client.setApiKey(config.apiKey);
  if (config.baseUrl) client.setDefaultRequest("baseUrl", config.baseUrl.endsWith("/") ? config.baseUrl : `${config.baseUrl}/`);
  const mail = new MailService();
  mail.setClient(client);
  return {
    channel: "email",
    mode: "live",
    async send(outbound: OutboundMessage, context) {
      if (outbound.channel !== "email") throw new Error(`the email adapter cannot send ${outbound.channel}`);
      try {
        const [response] = await mail.send({
          to: outbound.message.to,
          from: config.from,
          subject: outbound.message.subject,
          text: outbound.message.text,
          // Comes back on every Event Webhook event: how the ledger finds this delivery.
          customArgs: { herald_delivery: context.deliveryId },
        });
        const id = response.headers["x-message-id"];
        return { status: "sent", providerMessageId: typeof id === "string" ? id : null };
      } catch (err) {
        const failure = err as SendGridFailure;
        if (typeof failure.code === "number") {
          const retryAfter = failure.response?.headers?.["retry-after"];
          throw httpFailure("SendGrid", failure.code, detailOf(failure.response?.body) ?? failure.message, typeof retryAfter === "string" ? retryAfter : null);
        }
        throw networkFailure("SendGrid", err);
      }
    },
  };
}

function detailOf(body: unknown): string | null {
  if (body && typeof body === "object" && "errors" in body && Array.isArray(body.errors)) {
    return body.errors.map((e: { message?: string }) => e.message ?? "").join("; ");
  }
  return null;
}
