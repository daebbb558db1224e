import "server-only";
// Push through firebase-admin 13's FCM `send()` (one HTTP/1.1 request; `sendEach` would use HTTP/2
// past our agent). FCM has no endpoint setting, so for tests and proxies an https.Agent opens its
// connections to FCM_ENDPOINT_HOST:PORT instead (docs/architecture.md, "Provider SDKs against loopback fakes").
import https from "node:https";
import net from "node:net";
import { cert, deleteApp, initializeApp, type App, type Credential } from "firebase-admin/app";
import { getMessaging } from "firebase-admin/messaging";
import type { OutboundMessage } from "../compose";
import { ChannelError, networkFailure, type ChannelAdapter } from "./types";

export type FcmConfig = {
  projectId: string;
  /** A service account (production) or a fixed access token (test/proxy setting). */
  auth: { serviceAccount: { project_id: string; client_email: string; private_key: string } } | { accessToken: string };
  endpoint?: { host: string; port: number };
};

const gone = new Set(["messaging/registration-token-not-registered", "messaging/invalid-registration-token"]);
const retryable = new Set([
  "messaging/message-rate-exceeded",
  "messaging/device-message-rate-exceeded",
  "messaging/server-unavailable",
  "messaging/internal-error",
  "messaging/unknown-error",
]);

let apps = 0;

export function fcmAdapter(config: FcmConfig): ChannelAdapter & { close(): Promise<void> } {
  const agent = new https.Agent({ keepAlive: true });
  const endpoint = config.endpoint;
  if (endpoint) Object.assign(agent, { createConnection: () => net.connect(endpoint.port, endpoint.host) });
  const credential: Credential =
    "accessToken" in config.auth
      ? { getAccessToken: async () => ({ access_token: (config.auth as { accessToken: string }).accessToken, expires_in: 3600 }) }
      : cert(
          {
            projectId: config.auth.serviceAccount.project_id,
            clientEmail: config.auth.serviceAccount.client_email,
            privateKey: config.auth.serviceAccount.private_key,
          },
          agent,
        );
  const app: App = initializeApp({ credential, projectId: config.projectId, httpAgent: agent }, `herald-fcm-${++apps}`);
  const messaging = getMessaging(app);
  return {
    channel: "push",
    mode: "live",
    async send(outbound: OutboundMessage) {
      if (outbound.channel !== "push") throw new Error(`the push adapter cannot send ${outbound.channel}`);
      const { token, title, body, data } = outbound.message;
      try {
        const name = await messaging.send({ token, notification: { title, body }, data });
        return { status: "sent", providerMessageId: name };
      } catch (err) {
        throw classify(err);
      }
    },
    close: () => deleteApp(app),
  };
}

function classify(err: unknown): ChannelError {
  const code = err && typeof err === "object" && "code" in err && typeof err.code === "string" ? err.code : null;
  const message = err instanceof Error ? err.message : String(err);
  if (code && gone.has(code)) return new ChannelError(`FCM: ${code}: ${message}`, false, null, true, 404);
  if (code && retryable.has(code)) return new ChannelError(`FCM: ${code}: ${message}`, true);
  if (code?.startsWith("messaging/") || code?.startsWith("app/")) return new ChannelError(`FCM: ${code}: ${message}`, false);
  return networkFailure("FCM", err);
}
