import "server-only";
import type { OfflineChannel } from "../routing";
import { captureAdapter } from "./capture";
import type { ChannelAdapter } from "./types";

const store = globalThis as unknown as { heraldChannels?: Record<OfflineChannel, ChannelAdapter> };

/** The adapter for each offline channel, chosen once from the environment. */
export function channelAdapters(): Record<OfflineChannel, ChannelAdapter> {
  store.heraldChannels ??= {
    sms: captureAdapter("sms"),
    push: captureAdapter("push"),
    email: captureAdapter("email"),
  };
  return store.heraldChannels;
}
