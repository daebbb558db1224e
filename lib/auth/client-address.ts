// Which address a request came from. `next start` gives route handlers no socket: it writes the
// socket's address into X-Forwarded-For only when the request has no such header, and passes a
// header the client sent through unchanged. So the header is where the address is, and it is
// trustworthy only as far as proxies we run wrote it (HERALD_TRUSTED_PROXIES, docs/deploy.md).
import { isIP } from "node:net";

/**
 * Each trusted proxy appends the address it saw, so the entry the outermost one wrote is the
 * client: `trustedProxies` from the right. With none, the last entry is the one Next wrote (the
 * socket), unless a client connecting directly sent its own header, which Next keeps.
 */
export function clientAddress(forwardedFor: string | null, trustedProxies: number): string | null {
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const entry = entries[Math.max(0, entries.length - Math.max(1, trustedProxies))];
  if (!entry) return null;
  const address = entry.startsWith("::ffff:") && isIP(entry.slice(7)) === 4 ? entry.slice(7) : entry;
  return isIP(address) ? address : null;
}
