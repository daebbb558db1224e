import "server-only";
// Which browsers a user has signed in from (by their device cookie, lib/auth/device-cookie.ts).
import { prisma } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { deviceCookie, deviceHash, issueDeviceCookie } from "./device-cookie";

/**
 * Notes a successful sign-in from this browser (giving it a device cookie if it has none):
 * `known` when the user signed in from it before, `first` for the account's very first browser
 * (nothing to warn about), `new` otherwise.
 */
export async function rememberDevice(userId: string, secure: boolean): Promise<"known" | "new" | "first"> {
  const value = (await deviceCookie()) ?? (await issueDeviceCookie(secure));
  const id = deviceHash(value);
  const db = await prisma();
  const { count } = await db.knownDevice.updateMany({ where: { userId, id }, data: { lastSeenAt: new Date() } });
  if (count > 0) return "known";
  const others = await db.knownDevice.count({ where: { userId } });
  try {
    await db.knownDevice.create({ data: { userId, id } });
  } catch (err) {
    if (isUniqueViolation(err)) return "known"; // the same browser signing in twice at once
    throw err;
  }
  return others > 0 ? "new" : "first";
}
