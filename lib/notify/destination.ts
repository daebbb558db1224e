// Where an offline channel reaches a user, and the fallback chain when it cannot.
import type { OfflineChannel } from "@/lib/events/definition";

export type Reachable = { phone: string | null; email: string | null; deviceTokens: string[] };

export const fallbackChain: OfflineChannel[] = ["sms", "push", "email"];

export function destinationFor(channel: OfflineChannel, user: Reachable): string | null {
  if (channel === "sms") return user.phone;
  if (channel === "push") return user.deviceTokens[0] ?? null;
  return user.email;
}

export const missingDestination: Record<OfflineChannel, string> = {
  sms: "no phone number",
  push: "no push device",
  email: "no email address",
};
