import "server-only";
// Browser sessions (the JWT's `sid`): created at sign-in, revoked at sign-out. Revoking closes the
// session's open streams on every instance through the bus. Active sessions are cached briefly
// (HERALD_SESSION_CACHE_MS) so opening a stream costs no database lookup; a revocation reaches
// every instance's cache through the same bus message that closes the streams.
//
// While the bus is down a sign-out cannot travel: the signing-out instance closes its own streams
// of the session, every cache stops trusting itself (lookups go to the database, where the
// revocation is), and when the bus is back each instance checks the sessions of its open streams
// in one query and closes the revoked ones, before they catch up on what they missed.
import { randomUUID } from "node:crypto";
import { prisma, sql } from "@/lib/db/client";
import { env } from "@/lib/env";
import { bus } from "@/lib/realtime/bus";
import { hub } from "@/lib/realtime/hub";
import { redisLog } from "@/lib/realtime/redis-log";
import type { Registry } from "@/lib/realtime/registry";
import { SessionCache } from "./session-cache";

const store = globalThis as unknown as { heraldSessionCache?: Promise<SessionCache> };

function cache(): Promise<SessionCache> {
  store.heraldSessionCache ??= (async () => {
    const c = new SessionCache(env().HERALD_SESSION_CACHE_MS);
    const { registry, bus: b, onBusBack } = await hub();
    b.subscribe((message) => {
      if (message.kind === "session_ended") c.revoke(message.sid);
    });
    if (!b.state().connected) c.setTrusted(false);
    b.onGap((gap) => c.setTrusted(gap === "up"));
    onBusBack(() => closeRevokedStreams(registry, c));
    return c;
  })().catch((err) => {
    store.heraldSessionCache = undefined; // the database or Redis was down at start: try again next time
    throw err;
  });
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
  const epoch = c.epoch;
  const db = await prisma();
  const row = await db.authSession.findUnique({ where: { id: sid }, select: { revokedAt: true, expiresAt: true } });
  const active = !!row && !row.revokedAt && row.expiresAt > new Date();
  // Revoked while the lookup was in flight: the bus message wins over the row read before it.
  if (!active || c.isRevoked(sid)) return false;
  c.setActive(sid, row.expiresAt.getTime(), Date.now(), epoch);
  return true;
}

export async function revokeAuthSession(userId: string, sid: string): Promise<void> {
  const db = await prisma();
  (await cache()).revoke(sid);
  await db.authSession.updateMany({ where: { id: sid, revokedAt: null }, data: { revokedAt: new Date() } });
  try {
    await (await bus()).publish({ kind: "session_ended", userId, sid });
  } catch (err) {
    // The bus is down: this instance's streams of the session end now; the others' when it is back.
    (await hub()).registry.closeSession(userId, sid);
    signOutUnpublished(err instanceof Error ? err : new Error(String(err)));
  }
}
const signOutUnpublished = redisLog("bus publish of a sign-out; other instances close its streams when it returns");

/** After a bus gap: closes this instance's streams whose session ended meanwhile (one query for all). */
async function closeRevokedStreams(registry: Registry, c: SessionCache): Promise<void> {
  const open = new Map<string, string>();
  registry.forEach((conn) => open.set(conn.sid, conn.userId));
  if (open.size === 0) return;
  const query = await sql();
  // Timestamps are stored as UTC wall-clock (TIMESTAMP(3) without zone), as Prisma writes them.
  const active = await query<{ id: string }>(
    `SELECT "id" FROM "AuthSession" WHERE "id" = ANY($1::text[]) AND "revokedAt" IS NULL AND "expiresAt" > (now() AT TIME ZONE 'UTC')`,
    [[...open.keys()]],
  );
  const live = new Set(active.map((r) => r.id));
  for (const [sid, userId] of open) {
    if (live.has(sid)) continue;
    c.revoke(sid);
    registry.closeSession(userId, sid);
  }
}
