import "server-only";
// Where a claimed outbox row goes: presence, preferences, quiet hours and fallback decide for a
// notification; an account email goes to the address it names.
import { env } from "@/lib/env";
import type { Category, Priority } from "@/lib/events/definition";
import { toEnvelope } from "@/lib/events/envelope";
import { presenceOf } from "@/lib/realtime/presence";
import { chooseRoute } from "./choose-route";
import { compose, type EmailMessage, type OutboundMessage } from "./compose";
import { finish, type Row } from "./outbox-row";
import type { OfflineChannel } from "@/lib/events/definition";
import { channelForPriority, decideDue } from "./routing";

export type Planned = { channel: OfflineChannel; destination: string; outbound: OutboundMessage; detail: string | null };

/** A notification for a user: presence, preferences, quiet hours and fallback decide (null: handled here). */
export async function route(row: Row): Promise<Planned | null> {
  const due = decideDue({ presence: await presenceOf(row.userId), trigger: row.trigger });
  if (due === "cancel") {
    const reason = "user came online: shown in the app, no third-party send";
    await finish(row, { status: "cancelled", nextAttemptAt: null }, { kind: "cancelled", outcome: "cancelled", detail: reason });
    return null;
  }
  if (due === "wait") {
    // Presence cannot tell (Redis away): an SMS to a user who is reading the app cannot be taken
    // back, a later one can still be sent. Look again after a presence refresh.
    const until = new Date(Date.now() + Math.max(1_000, Math.floor(env().HERALD_PRESENCE_TTL_MS / 3)));
    await finish(
      row,
      { status: "pending", nextAttemptAt: until },
      { kind: "route", outcome: "held", detail: "presence unknown (Redis unreachable): decided once it answers" },
    );
    return null;
  }

  const { user, notification } = row;
  const settings = user.deliverySettings;
  const now = new Date();
  const choice = chooseRoute({
    preferred: channelForPriority[notification.priority as Priority] ?? (row.channel as OfflineChannel),
    type: notification.type,
    category: notification.category as Category,
    // An account address nobody confirmed gets no mail but its verification link (README, "Accounts").
    reach: { phone: user.phone, email: settings?.email ?? (user.emailVerifiedAt ? user.email : null), deviceTokens: user.devices.map((d) => d.token) },
    disabled: new Set(user.channelPreferences.filter((p) => !p.enabled).map((p) => `${p.category}:${p.channel}`)),
    quiet: settings?.quietStart && settings.quietEnd ? { start: settings.quietStart, end: settings.quietEnd, timeZone: user.timeZone } : null,
    now,
  });
  const detail = choice.notes.join("; ") || null;

  if (choice.action === "skip") {
    await finish(
      row,
      { status: "failed", nextAttemptAt: null, lastError: detail },
      { kind: "route", outcome: "failed", detail },
    );
    return null;
  }
  if (choice.action === "hold") {
    await finish(
      row,
      { status: "pending", nextAttemptAt: choice.until, channel: choice.channel, destination: choice.destination },
      { kind: "route", outcome: "held", channel: choice.channel, destination: choice.destination, detail },
    );
    return null;
  }
  const { channel, destination } = choice;
  return { channel, destination, outbound: compose(channel, destination, toEnvelope(notification)), detail };
}

/** An account email: composed when queued, sent to the address it names (lib/notify/account-email.ts). */
export function addressed(row: Row): Planned {
  const message = row.payload as EmailMessage;
  return { channel: "email", destination: row.destination ?? message.to, outbound: { channel: "email", message }, detail: "account email" };
}
