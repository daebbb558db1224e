// Where an offline channel reaches a user, and the fallback chain when it cannot.
import type { OfflineChannel } from "./routing";

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

/** The preferred channel if it has a destination, else the next one down sms → push → email. */
export function resolveDestination(
  preferred: OfflineChannel,
  user: Reachable,
): { channel: OfflineChannel; destination: string; fellBackBecause: string | null } | null {
  const missing: string[] = [];
  for (const channel of fallbackChain.slice(fallbackChain.indexOf(preferred))) {
    const destination = destinationFor(channel, user);
    if (destination) {
      return { channel, destination, fellBackBecause: missing.length ? missing.join("; ") : null };
    }
    missing.push(missingDestination[channel]);
  }
  return null;
}
