import "server-only";
// Browser sessions (the JWT's `sid`): created at sign-in, revoked at sign-out, from the settings
// page or by a password reset. A revocation closes the session's streams on every instance through
// the bus, which also drops it from every instance's cache of active sessions; while the bus is
// down, see docs/reliability.md ("A sign-out while Redis is down").
import { randomUUID } from "node:crypto";
import { prisma, sql } from "@/lib/db/client";
import { env } from "@/lib/env";
import { HeraldError } from "@/lib/errors";
import { log } from "@/lib/log";
import { bus } from "@/lib/realtime/bus";
import { hub, type Hub } from "@/lib/realtime/hub";
import { redisLog } from "@/lib/redis";
import type { Registry } from "@/lib/realtime/registry";
import { processWide } from "@/lib/service";
import type { Client } from "./request-client";
import { SessionCache } from "./session-cache";
import { Throttle } from "./throttle";
import { describeUserAgent } from "./user-agent";

/** This process's cache of active sessions: no I/O, so asking who is signed in opens nothing else. */
function cache(): SessionCache {
  return processWide("session-cache", () => {
    const c = new SessionCache(env().HERALD_SESSION_CACHE_MS);
    c.setTrusted(false); // until followRevocations hears the bus
    return c;
  });
}

/**
 * Keeps the cache in step with the bus (wired once at boot, lib/boot.ts): a revocation on any
 * instance drops the session here; while the bus is down the cache trusts nothing; when it is
 * back, the streams of sessions revoked meanwhile close before they catch up.
 */
export function followRevocations(h: Hub): void {
  const c = cache();
  h.bus.subscribe((message) => {
    if (message.kind === "session_ended") c.revoke(message.sid);
  });
  c.setTrusted(h.bus.state().connected);
  h.bus.onGap((gap) => c.setTrusted(gap === "up"));
  h.onBusBack(() => closeRevokedStreams(h.registry, c));
}

export async function createAuthSession(userId: string, maxAgeSeconds: number, client: Pick<Client, "address" | "userAgent">): Promise<string> {
  const id = randomUUID();
  const db = await prisma();
  const expiresAt = new Date(Date.now() + maxAgeSeconds * 1000);
  await db.authSession.create({ data: { id, userId, expiresAt, address: client.address, userAgent: client.userAgent } });
  cache().setActive(id, expiresAt.getTime());
  return id;
}

export async function isSessionActive(sid: string): Promise<boolean> {
  const c = cache();
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

/**
 * Records that the session was just used, from `address`: at most once per HERALD_SESSION_TOUCH_MS
 * per session on this instance, and the row is written only when its time is that old (so several
 * instances do not each write it). Never awaited on the request's path.
 */
export function touchSession(sid: string, address: string | null): void {
  const interval = env().HERALD_SESSION_TOUCH_MS;
  if (!processWide("session-touch", () => new Throttle(interval)).due(sid)) return;
  const now = new Date();
  void prisma()
    .then((db) =>
      db.authSession.updateMany({
        where: { id: sid, lastSeenAt: { lt: new Date(now.getTime() - interval) } },
        data: { lastSeenAt: now, ...(address ? { address } : {}) },
      }),
    )
    .catch((err) => log().error({ err }, "session last-seen update failed"));
}

export type SessionView = { id: string; device: string; address: string | null; lastSeenAt: string; createdAt: string };

/** The user's sessions that can still be used, most recently seen first. */
export async function listActiveSessions(userId: string): Promise<SessionView[]> {
  const db = await prisma();
  const rows = await db.authSession.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { lastSeenAt: "desc" },
  });
  return rows.map((r) => ({
    id: r.id,
    device: describeUserAgent(r.userAgent),
    address: r.address,
    lastSeenAt: r.lastSeenAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
  }));
}

export async function revokeAuthSession(userId: string, sid: string): Promise<void> {
  await revoke(userId, [sid]);
}

/** "Sign out" of one of the user's sessions (from any of them). */
export async function endSession(userId: string, sid: string): Promise<void> {
  const db = await prisma();
  const owned = await db.authSession.count({ where: { id: sid, userId, revokedAt: null } });
  if (owned === 0) throw new HeraldError("not_found", "That session has already ended");
  await revoke(userId, [sid]);
}

/** Ends every session of the user but `except` (when given); returns how many ended. */
export async function endAllSessions(userId: string, opts: { except?: string } = {}): Promise<number> {
  const db = await prisma();
  const rows = await db.authSession.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: new Date() }, ...(opts.except ? { id: { not: opts.except } } : {}) },
    select: { id: true },
  });
  await revoke(userId, rows.map((r) => r.id));
  return rows.length;
}

async function revoke(userId: string, sids: string[]): Promise<void> {
  if (sids.length === 0) return;
  const db = await prisma();
  const c = cache();
  for (const sid of sids) c.revoke(sid);
  await db.authSession.updateMany({ where: { id: { in: sids }, revokedAt: null }, data: { revokedAt: new Date() } });
  // Every instance drops them from its cache and closes their streams.
  const b = await bus();
  try {
    await Promise.all(sids.map((sid) => b.publish({ kind: "session_ended", userId, sid })));
  } catch (err) {
    // The bus is down: this instance's streams of them end now; the others' when it is back.
    const { registry } = await hub();
    for (const sid of sids) registry.closeSession(userId, sid);
    revocationUnpublished(err instanceof Error ? err : new Error(String(err)));
  }
}
const revocationUnpublished = redisLog("bus publish of a revoked session; other instances close its streams when it returns");

/** After a bus gap: closes this instance's streams whose session ended meanwhile (one query for all). */
async function closeRevokedStreams(registry: Registry, c: SessionCache): Promise<void> {
  const open = new Map<string, string>();
  registry.forEach((stream) => open.set(stream.sid, stream.userId));
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
