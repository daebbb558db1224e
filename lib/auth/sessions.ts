import "server-only";
// Browser sessions (the JWT's `sid`): created at sign-in, revoked at sign-out. Revoking closes the
// session's open streams on every instance through the bus.
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { bus } from "@/lib/realtime/bus";

export async function createAuthSession(userId: string, maxAgeSeconds: number): Promise<string> {
  const id = randomUUID();
  const db = await prisma();
  await db.authSession.create({ data: { id, userId, expiresAt: new Date(Date.now() + maxAgeSeconds * 1000) } });
  return id;
}

export async function isSessionActive(sid: string): Promise<boolean> {
  const db = await prisma();
  const row = await db.authSession.findUnique({ where: { id: sid }, select: { revokedAt: true, expiresAt: true } });
  return !!row && !row.revokedAt && row.expiresAt > new Date();
}

export async function revokeAuthSession(userId: string, sid: string): Promise<void> {
  const db = await prisma();
  await db.authSession.updateMany({ where: { id: sid, revokedAt: null }, data: { revokedAt: new Date() } });
  await (await bus()).publish({ kind: "session_ended", userId, sid });
}
