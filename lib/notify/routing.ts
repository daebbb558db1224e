// The routing decision, kept pure so it is tested on its own: online users get the stream only;
// away users get the stream's replay later and, after a grace window, one offline channel chosen
// by priority.
import type { Priority } from "@/lib/events/catalogue";

export const offlineChannels = ["sms", "push", "email"] as const;
export type OfflineChannel = (typeof offlineChannels)[number];
export type Channel = "sse" | OfflineChannel;

export const channelForPriority: Record<Priority, OfflineChannel> = {
  high: "sms",
  medium: "push",
  low: "email",
};

export type PlannedDelivery = {
  channel: Channel;
  status: "sent" | "missed" | "pending";
  reason: string;
  /** For a pending offline delivery: when it is due (the end of the grace window, or the escalation timer). */
  dueAt?: Date;
  /** `unseen`: an escalation for an online user, cancelled when any of their devices reports it seen. */
  trigger?: "offline" | "unseen";
};

/** What notify() records for one recipient of a durable event. */
export function planDelivery(opts: { online: boolean; priority: Priority; now: Date; graceMs: number }): PlannedDelivery[] {
  if (opts.online) return [{ channel: "sse", status: "sent", reason: "user online: sent on their open streams" }];
  return [
    { channel: "sse", status: "missed", reason: "no open stream: kept for replay" },
    {
      channel: channelForPriority[opts.priority],
      status: "pending",
      reason: `user offline; ${opts.priority} priority → ${channelForPriority[opts.priority]} unless they return within the grace window`,
      dueAt: new Date(opts.now.getTime() + opts.graceMs),
    },
  ];
}

/**
 * Attention escalation: an online user may still miss an event. When its priority has a timer
 * (HERALD_ESCALATE_<PRIORITY>_MS > 0), plan its offline channel for when the timer runs out;
 * a "seen" report from any of their devices cancels it first.
 */
export function planEscalation(opts: { online: boolean; priority: Priority; now: Date; afterMs: number }): PlannedDelivery[] {
  if (!opts.online || opts.afterMs <= 0) return [];
  const channel = channelForPriority[opts.priority];
  return [
    {
      channel,
      status: "pending",
      trigger: "unseen",
      reason: `user online; ${opts.priority} priority → ${channel} if not seen within ${Math.round(opts.afterMs / 1000)} s`,
      dueAt: new Date(opts.now.getTime() + opts.afterMs),
    },
  ];
}

/**
 * When an offline delivery falls due: never a third-party send for a user who is online. An
 * escalation (trigger `unseen`) still pending at its due time was not seen, online or not: send.
 */
export function decideDue(opts: { online: boolean; trigger?: string }): "send" | "cancel" {
  if (opts.trigger === "unseen") return "send";
  return opts.online ? "cancel" : "send";
}
