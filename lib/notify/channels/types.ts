import type { OutboundMessage } from "../compose";
import type { OfflineChannel } from "@/lib/events/definition";

export type SendResult = { status: "sent" | "captured"; providerMessageId: string | null };

/** What the outbox tells an adapter about the delivery it sends (for provider callbacks). */
export type SendContext = { deliveryId: string };

/** One offline channel: a real provider, or `capture`, which records what would have been sent. */
export interface ChannelAdapter {
  readonly channel: OfflineChannel;
  readonly mode: "live" | "capture";
  send(outbound: OutboundMessage, context: SendContext): Promise<SendResult>;
}

/** A provider failure, classified so the outbox knows whether to retry. */
export class ChannelError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs: number | null = null,
    /** The destination is gone for good (e.g. an unregistered FCM token). */
    readonly destinationGone = false,
    readonly httpStatus: number | null = null,
  ) {
    super(message);
    this.name = "ChannelError";
  }
}

/** By name, not instanceof: Next may bundle this module more than once in one process. */
export function isChannelError(err: unknown): err is ChannelError {
  return err instanceof Error && err.name === "ChannelError" && "retryable" in err;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** 429 and 5xx are worth retrying (honouring Retry-After); any other 4xx is permanent. */
export function httpFailure(provider: string, status: number, detail: string, retryAfter: string | null | undefined): ChannelError {
  const retryable = status === 429 || status >= 500;
  return new ChannelError(`${provider} answered ${status}: ${detail}`.slice(0, 500), retryable, parseRetryAfter(retryAfter), false, status);
}

/** A request that never got an answer (refused, reset, timed out): retry. */
export function networkFailure(provider: string, err: unknown): ChannelError {
  const what = err instanceof Error ? (("code" in err && typeof err.code === "string" ? `${err.code} ` : "") + err.message) : String(err);
  return new ChannelError(`${provider} unreachable: ${what}`.slice(0, 500), true);
}
