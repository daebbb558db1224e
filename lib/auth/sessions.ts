import "server-only";
// Browser sessions (the JWT's `sid`): created at sign-in, revoked at sign-out. Revoking closes the
// session's open streams on every instance through the bus. Active sessions are cached briefly
// (HERALD_SESSION_CACHE_MS) so opening a stream costs no database lookup; a revocation reaches
// every instance's cache through the same bus message that closes the streams.
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { bus } from "@/lib/realtime/bus";
import { SessionCache } from "./session-cache";

const store = globalThis as unknown as { heraldSessionCache?: Promise<SessionCache> };

function cache(): Promise<SessionCache> {
  store.heraldSessionCache ??= (async () => {
    const c = new SessionCache(env().HERALD_SESSION_CACHE_MS);
    (await bus()).subscribe((message) => {
      if (message.kind === "session_ended") c.revoke(message.sid);
    });
    return c;
  })();
  return store.heraldSessionCache;
}

export async function createAuthSession(userId: string, maxAgeSeconds: number): Promise<string> {
  const id = randomUUID();
  const db = await prisma();
  const expiresAt = new Date(Date.now() + maxAgeSeconds * 1000);
  await db.authSession.create({ data: { id, userId, expiresAt } });
  (await cache()).setActive(id, expiresAt.getTime());
  return id;
}

export async function isSessionActive(sid: string): Promise<boolean> {
  const c = await cache();
  const known = c.get(sid);
  if (known !== undefined) return known;
  const db = await prisma();
  const row = await db.authSession.findUnique({ where: { id: sid }, select: { revokedAt: true, expiresAt: true } });
  const active = !!row && !row.revokedAt && row.expiresAt > new Date();
  // Revoked while the lookup was in flight: the bus message wins over the row read before it.
  if (!active || c.isRevoked(sid)) return false;
  c.setActive(sid, row.expiresAt.getTime());
  return true;
}

export async function revokeAuthSession(userId: string, sid: string): Promise<void> {
  const db = await prisma();
  (await cache()).revoke(sid);
  await db.authSession.updateMany({ where: { id: sid, revokedAt: null }, data: { revokedAt: new Date() } });
  await (await bus()).publish({ kind: "session_ended", userId, sid });
}
