import "server-only";
// How Herald recognises a browser: a long-lived random cookie (httpOnly, 2 years) given at its
// first successful sign-in. A sign-in without a cookie this user's account has seen is a sign-in
// from a new device, and sends a security alert. Clearing cookies, a private window or another
// browser count as new devices; a stolen cookie would not, but it is worthless without the password.
import { createHash, randomBytes } from "node:crypto";
import { cookies } from "next/headers";

export const DEVICE_COOKIE = "herald-device";
const MAX_AGE_SECONDS = 2 * 365 * 24 * 60 * 60;

/** The device cookie's value, when it looks like one we gave. */
export async function deviceCookie(): Promise<string | null> {
  const value = (await cookies()).get(DEVICE_COOKIE)?.value;
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
}

/** Gives this browser a device cookie (set on the response of the current route handler or action). */
export async function issueDeviceCookie(secure: boolean): Promise<string> {
  const value = randomBytes(32).toString("base64url");
  (await cookies()).set(DEVICE_COOKIE, value, { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: MAX_AGE_SECONDS });
  return value;
}

/** What is stored: the cookie's sha256, so the table cannot be used to impersonate a browser. */
export function deviceHash(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
