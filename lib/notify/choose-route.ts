// Which offline channel a due delivery uses, decided when it is sent (so a phone number added or a
// preference changed during the grace window counts). Pure: the rules in one place, tested alone.
//   1. Start at the priority's channel and walk down sms → push → email, skipping channels the
//      user turned off for this category and channels with no destination; each skip is noted.
//   2. During the user's quiet hours, push and SMS wait until the window ends, except for
//      types whose catalogue entry goes `throughQuietHours` (security and transaction alerts). Email is never held.
import { offlineRulesOf } from "@/lib/events/catalogue";
import type { Category, OfflineChannel } from "@/lib/events/definition";
import { destinationFor, fallbackChain, missingDestination, type Reachable } from "./destination";
import { quietUntil, type QuietHours } from "./quiet-hours";

export type RouteInput = {
  preferred: OfflineChannel;
  type: string;
  category: Category;
  reach: Reachable;
  /** The channels the user turned off, as "category:channel". */
  disabled: ReadonlySet<string>;
  quiet: QuietHours | null;
  now: Date;
};

export type RouteChoice =
  | { action: "send"; channel: OfflineChannel; destination: string; notes: string[] }
  | { action: "hold"; channel: OfflineChannel; destination: string; until: Date; notes: string[] }
  | { action: "skip"; notes: string[] };

export function chooseRoute(input: RouteInput): RouteChoice {
  const notes: string[] = [];
  for (const channel of fallbackChain.slice(fallbackChain.indexOf(input.preferred))) {
    if (input.disabled.has(`${input.category}:${channel}`)) {
      notes.push(`${channel} turned off for ${input.category}`);
      continue;
    }
    const destination = destinationFor(channel, input.reach);
    if (!destination) {
      notes.push(missingDestination[channel]);
      continue;
    }
    if (notes.length > 0) notes.push(`fell back to ${channel}`);
    if (channel !== "email" && input.quiet) {
      const until = quietUntil(input.now, input.quiet);
      if (until && offlineRulesOf(input.type)?.throughQuietHours) {
        notes.push(`quiet hours ${input.quiet.start}–${input.quiet.end} (${input.quiet.timeZone}) bypassed: ${input.type.replace("_", " ")}`);
      } else if (until) {
        notes.push(`quiet hours ${input.quiet.start}–${input.quiet.end} (${input.quiet.timeZone}): held until ${until.toISOString()}`);
        return { action: "hold", channel, destination, until, notes };
      }
    }
    return { action: "send", channel, destination, notes };
  }
  notes.push("no channel left to try");
  return { action: "skip", notes };
}
