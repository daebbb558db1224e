// "try again in …" for a rate-limited answer. Shared by the server's messages and the sign-in
// form (which gets only seconds through next-auth's error code): no server imports.

/** A wait as a person says it: "45 seconds", "1 minute", "15 minutes", "2 hours". Rounded up. */
export function formatWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return plural(seconds, "second");
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return plural(minutes, "minute");
  return plural(Math.ceil(minutes / 60), "hour");
}

export function tooManyAttemptsMessage(ms: number): string {
  return `Too many attempts: try again in ${formatWait(ms)}.`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}
