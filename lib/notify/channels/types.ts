import type { OutboundMessage } from "../compose";
import type { OfflineChannel } from "../routing";

export type SendResult = { status: "sent" | "captured"; providerMessageId: string | null };

/** One offline channel: a real provider, or `capture`, which records what would have been sent. */
export interface ChannelAdapter {
  readonly channel: OfflineChannel;
  readonly mode: "live" | "capture";
  send(outbound: OutboundMessage): Promise<SendResult>;
}

/** A provider failure, classified so the outbox knows whether to retry. */
export class ChannelError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs: number | null = null,
    /** The destination is gone for good (e.g. an unregistered FCM token). */
    readonly destinationGone = false,
  ) {
    super(message);
    this.name = "ChannelError";
  }
}

/** By name, not instanceof: Next may bundle this module more than once in one process. */
export function isChannelError(err: unknown): err is ChannelError {
  return err instanceof Error && err.name === "ChannelError" && "retryable" in err;
}
