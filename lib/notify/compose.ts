// What each offline channel sends, built from the stored notification. Pure: the same input
// always composes the same message, so a retry sends exactly what the first attempt would have.
import type { Envelope } from "@/lib/events/envelope";
import type { OfflineChannel } from "@/lib/events/definition";

export type SmsMessage = { to: string; body: string };
export type PushMessage = { token: string; title: string; body: string; data: Record<string, string> };
export type EmailMessage = { to: string; subject: string; text: string };
export type OutboundMessage =
  | { channel: "sms"; message: SmsMessage }
  | { channel: "push"; message: PushMessage }
  | { channel: "email"; message: EmailMessage };

const SMS_MAX = 1600; // Twilio's limit for one message body

const titles: Record<Envelope["category"], string> = {
  nft: "NFT update",
  trading: "Trading alert",
  social: "From your friends",
  system: "Herald",
};

export function compose(channel: OfflineChannel, destination: string, envelope: Envelope): OutboundMessage {
  switch (channel) {
    case "sms":
      return { channel, message: { to: destination, body: `Herald: ${envelope.message}`.slice(0, SMS_MAX) } };
    case "push":
      return {
        channel,
        message: {
          token: destination,
          title: titles[envelope.category],
          body: envelope.message,
          data: { notificationId: envelope.id, type: envelope.type },
        },
      };
    case "email":
      return {
        channel,
        message: {
          to: destination,
          subject: `[Herald] ${envelope.message}`.slice(0, 200),
          text: `${envelope.message}\n\n${formatData(envelope.data)}\nSent ${envelope.timestamp} (${envelope.type}).`,
        },
      };
  }
}

function formatData(data: Record<string, unknown>): string {
  return Object.entries(data)
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}\n`)
    .join("");
}
