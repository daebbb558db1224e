// Quiet hours in the user's own time zone: a daily window ("22:00"–"07:00" may cross midnight)
// during which push and SMS wait. Pure, so it is tested with fixed instants.
export type QuietHours = { start: string; end: string; timeZone: string };

const MINUTES_PER_DAY = 24 * 60;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Minutes since local midnight (and the seconds past that minute) at `now` in `timeZone`. */
function localClock(now: Date, timeZone: string): { minutes: number; seconds: number } {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hourCycle: "h23",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { minutes: get("hour") * 60 + get("minute"), seconds: get("second") };
}

/** When the quiet window that contains `now` ends, or null when `now` is outside it. */
export function quietUntil(now: Date, quiet: QuietHours): Date | null {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return null;
  const { minutes, seconds } = localClock(now, quiet.timeZone);
  const inside = start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
  if (!inside) return null;
  const left = (end - minutes + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return new Date(now.getTime() + left * 60_000 - seconds * 1000 - now.getMilliseconds());
}
