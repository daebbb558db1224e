// Where an offline channel reaches a user, and the fallback chain when it cannot.
import type { OfflineChannel } from "./routing";

export type Reachable = { phone: string | null; email: string | null; deviceTokens: string[] };

const chain: OfflineChannel[] = ["sms", "push", "email"];

function destinationFor(channel: OfflineChannel, user: Reachable): string | null {
  if (channel === "sms") return user.phone;
  if (channel === "push") return user.deviceTokens[0] ?? null;
  return user.email;
}

/** The preferred channel if it has a destination, else the next one down sms → push → email. */
export function resolveDestination(
  preferred: OfflineChannel,
  user: Reachable,
): { channel: OfflineChannel; destination: string; fellBackBecause: string | null } | null {
  const missing: string[] = [];
  for (const channel of chain.slice(chain.indexOf(preferred))) {
    const destination = destinationFor(channel, user);
    if (destination) {
      return { channel, destination, fellBackBecause: missing.length ? missing.join("; ") : null };
    }
    missing.push(`no ${channel === "sms" ? "phone number" : channel === "push" ? "push device" : "email address"}`);
  }
  return null;
}
