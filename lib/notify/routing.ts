// The routing decision, kept pure so it is tested on its own: online users get the stream only;
// away users get the stream's replay later and, after a grace window, one offline channel chosen
// by priority.
import { offlineRulesOf } from "@/lib/events/catalogue";
import type { OfflineChannel, Priority } from "@/lib/events/definition";
import type { PresenceState } from "@/lib/realtime/presence";

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
  /**
   * `unseen`: an escalation for an online user, cancelled when any of their devices reports it seen.
   * `alert`: an `atOnce` event (its catalogue entry) for an away user, sent whoever comes online meanwhile.
   */
  trigger?: "offline" | "unseen" | "alert";
};

/**
 * What notify() records for one recipient of a durable event. A user whose presence is unknown is
 * planned like an away one (stored for replay, an offline channel pending), but the outbox decides
 * that channel only once presence answers again: unknown never sends.
 */
export function planDelivery(opts: { presence: PresenceState; priority: Priority; now: Date; graceMs: number; type?: string }): PlannedDelivery[] {
  if (opts.presence === "online") return [{ channel: "sse", status: "sent", reason: "user online: sent on their open streams" }];
  const channel = channelForPriority[opts.priority];
  const dueAt = new Date(opts.now.getTime() + opts.graceMs);
  if (opts.presence === "unknown") {
    return [
      { channel: "sse", status: "missed", reason: "presence unknown (Redis unreachable): sent to any open stream and kept for replay" },
      { channel, status: "pending", reason: `presence unknown; ${opts.priority} priority → ${channel} only if the user is away once presence answers`, dueAt },
    ];
  }
  if (opts.type && offlineRulesOf(opts.type)?.atOnce) {
    return [
      { channel: "sse", status: "missed", reason: "no open stream: kept for replay" },
      {
        channel,
        status: "pending",
        trigger: "alert",
        reason: `user offline; ${opts.type.replace("_", " ")} → ${channel} at once, even if a stream opens meanwhile (it may be the one it warns about)`,
        dueAt: opts.now,
      },
    ];
  }
  return [
    { channel: "sse", status: "missed", reason: "no open stream: kept for replay" },
    {
      channel,
      status: "pending",
      reason: `user offline; ${opts.priority} priority → ${channel} unless they return within the grace window`,
      dueAt,
    },
  ];
}

/**
 * Attention escalation: an online user may still miss an event. When its priority has a timer
 * (HERALD_ESCALATE_<PRIORITY>_MS > 0), plan its offline channel for when the timer runs out;
 * a "seen" report from any of their devices cancels it first.
 */
export function planEscalation(opts: { presence: PresenceState; priority: Priority; now: Date; afterMs: number }): PlannedDelivery[] {
  if (opts.presence !== "online" || opts.afterMs <= 0) return [];
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
 * When an offline delivery falls due: never a third-party send for a user who is online, nor for
 * one whose presence is unknown (wait until it is known). An escalation (trigger `unseen`) still
 * pending at its due time was not seen, online or not: send. A security alert to an away user
 * (`alert`) goes whoever came online since.
  */
export function decideDue(opts: { presence: PresenceState; trigger?: string }): "send" | "cancel" | "wait" {
  if (opts.trigger === "unseen" || opts.trigger === "alert") return "send";
  return opts.presence === "online" ? "cancel" : opts.presence === "unknown" ? "wait" : "send";
}
