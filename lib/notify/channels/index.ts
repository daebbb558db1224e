import "server-only";
// The adapter for each offline channel, chosen once from the validated environment: the provider
// when its credentials are set, otherwise `capture` (nothing leaves; the dev outbox shows it).
import { env, type Env } from "@/lib/env";
import { processWide } from "@/lib/service";
import type { OfflineChannel } from "@/lib/events/definition";
import { captureAdapter } from "./capture";
import { fcmAdapter } from "./fcm";
import { sendgridAdapter } from "./sendgrid";
import { twilioAdapter } from "./twilio";
import type { ChannelAdapter } from "./types";

export const TWILIO_STATUS_PATH = "/api/webhooks/twilio/status";

/** The public URL Twilio calls back (and signs); null without HERALD_PUBLIC_URL / NEXTAUTH_URL. */
export function twilioStatusCallbackUrl(e: Env = env()): string | null {
  const origin = e.HERALD_PUBLIC_URL ?? e.NEXTAUTH_URL;
  return origin ? new URL(TWILIO_STATUS_PATH, origin).toString() : null;
}

function sms(e: Env): ChannelAdapter {
  if (!e.TWILIO_ACCOUNT_SID || !e.TWILIO_AUTH_TOKEN || !e.TWILIO_FROM) return captureAdapter("sms");
  return twilioAdapter({
    accountSid: e.TWILIO_ACCOUNT_SID,
    authToken: e.TWILIO_AUTH_TOKEN,
    from: e.TWILIO_FROM,
    baseUrl: e.TWILIO_API_BASE_URL,
    statusCallbackUrl: twilioStatusCallbackUrl(e) ?? undefined,
    timeoutMs: e.HERALD_PROVIDER_TIMEOUT_MS,
  });
}

function push(e: Env): ChannelAdapter {
  const projectId = e.FIREBASE_PROJECT_ID ?? e.FIREBASE_SERVICE_ACCOUNT?.project_id;
  const auth = e.FCM_ACCESS_TOKEN
    ? { accessToken: e.FCM_ACCESS_TOKEN }
    : e.FIREBASE_SERVICE_ACCOUNT
      ? { serviceAccount: e.FIREBASE_SERVICE_ACCOUNT }
      : null;
  if (!projectId || !auth) return captureAdapter("push");
  const endpoint = e.FCM_ENDPOINT_HOST && e.FCM_ENDPOINT_PORT ? { host: e.FCM_ENDPOINT_HOST, port: e.FCM_ENDPOINT_PORT } : undefined;
  return fcmAdapter({ projectId, auth, endpoint });
}

function email(e: Env): ChannelAdapter {
  if (!e.SENDGRID_API_KEY || !e.SENDGRID_FROM) return captureAdapter("email");
  return sendgridAdapter({ apiKey: e.SENDGRID_API_KEY, from: e.SENDGRID_FROM, baseUrl: e.SENDGRID_API_BASE_URL });
}

/** The adapter for each offline channel, chosen once from the environment. */
export function channelAdapters(): Record<OfflineChannel, ChannelAdapter> {
  return processWide("channels", () => {
    const e = env();
    return { sms: sms(e), push: push(e), email: email(e) };
  });
}
