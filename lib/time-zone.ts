// Time zones as users give them (settings, sign-up, provisioning) and quiet hours read them.
// Below every layer: imports nothing of ours.

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return true;
  } catch {
    return false;
  }
}
