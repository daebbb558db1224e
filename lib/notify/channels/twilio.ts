import "server-only";
// SMS through Twilio's SDK. A RequestClient subclass points the SDK at TWILIO_API_BASE_URL when set
// (tests, proxies) and turns every non-2xx answer into a classified ChannelError, keeping the
// Retry-After header that the SDK's own RestException drops. The SDK's 429 auto-retry stays off:
// the outbox retries, so every attempt is in the ledger.
import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient";
import type { OutboundMessage } from "../compose";
import { httpFailure, isChannelError, networkFailure, type ChannelAdapter } from "./types";

export type TwilioConfig = {
  accountSid: string;
  authToken: string;
  from: string;
  /** Origin replacing https://api.twilio.com (test/proxy setting). */
  baseUrl?: string;
  /** Where Twilio reports delivery status; omitted when the app has no public URL. */
  statusCallbackUrl?: string;
  timeoutMs: number;
};

class HeraldRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string | undefined, timeoutMs: number) {
    super({ autoRetry: false, timeout: timeoutMs, keepAlive: true });
  }

  override async request<T>(opts: RequestClient.RequestOptions<T>) {
    const target = { ...opts, uri: this.baseUrl ? rewriteOrigin(opts.uri, this.baseUrl) : opts.uri };
    let res;
    try {
      res = await super.request<T>(target);
    } catch (err) {
      throw networkFailure("Twilio", err);
    }
    if (res.statusCode >= 300) {
      throw httpFailure("Twilio", res.statusCode, errorDetail(res.body), headerOf(res.headers, "retry-after"));
    }
    return res;
  }
}

function rewriteOrigin(uri: string, base: string): string {
  const from = new URL(uri);
  const to = new URL(base);
  from.protocol = to.protocol;
  from.host = to.host;
  return from.toString();
}

function headerOf(headers: unknown, name: string): string | null {
  if (!headers || typeof headers !== "object") return null;
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === "string" ? value : null;
}

function errorDetail(body: unknown): string {
  const parsed = typeof body === "string" ? safeJson(body) : body;
  if (parsed && typeof parsed === "object" && "message" in parsed) {
    const { message, code } = parsed as { message?: unknown; code?: unknown };
    return `${String(message)}${code ? ` (code ${String(code)})` : ""}`;
  }
  return typeof body === "string" ? body.slice(0, 200) : "no details";
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function twilioAdapter(config: TwilioConfig): ChannelAdapter {
  const client = twilio(config.accountSid, config.authToken, {
    httpClient: new HeraldRequestClient(config.baseUrl, config.timeoutMs),
  });
  const sender = config.from.startsWith("MG") ? { messagingServiceSid: config.from } : { from: config.from };
  return {
    channel: "sms",
    mode: "live",
    async send(outbound: OutboundMessage) {
      if (outbound.channel !== "sms") throw new Error(`the SMS adapter cannot send ${outbound.channel}`);
      try {
        const message = await client.messages.create({
          ...sender,
          to: outbound.message.to,
          body: outbound.message.body,
          ...(config.statusCallbackUrl ? { statusCallback: config.statusCallbackUrl } : {}),
        });
        return { status: "sent", providerMessageId: message.sid };
      } catch (err) {
        throw isChannelError(err) ? err : networkFailure("Twilio", err);
      }
    },
  };
}
