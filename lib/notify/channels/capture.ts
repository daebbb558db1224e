import type { OfflineChannel } from "@/lib/events/definition";
import type { ChannelAdapter } from "./types";

/** Sends nothing: the delivery row keeps the exact message (status `captured`) for the dev outbox. */
export function captureAdapter(channel: OfflineChannel): ChannelAdapter {
  return {
    channel,
    mode: "capture",
    async send() {
      return { status: "captured", providerMessageId: null };
    },
  };
}
