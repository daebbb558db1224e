import "server-only";
// Who is asking: the one answer for pages, server actions and route handlers alike. A session
// counts only while its row says so: signed out (here or on any instance), ended from the
// settings page, ended by a password reset, or expired, its cookie is refused everywhere.
import { getToken } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { HeraldError } from "@/lib/errors";
import { clientOf } from "./request-client";
import { authSecret } from "./secret";
import { decodeSession } from "./session-token";
import { isSessionActive, touchSession } from "./sessions";

export type Role = "USER" | "ADMIN";
export type Viewer = { id: string; role: Role; name: string | null; email: string | null; sid: string; expiresAt: number };

const SECURE_COOKIE = "__Secure-next-auth.session-token";

/**
 * The signed-in user of the current request, or null. Decodes the session JWT (the key derived
 * once: lib/auth/session-token.ts), checks its session is still active (cached; revocations
 * arrive through the bus) and notes it as seen (throttled). One call per render: React's cache
 * shares it between a layout and its page.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  // A session is per request: never prerender anything that asks for one.
  await connection();
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const secureCookie = cookieStore.getAll().some((c) => c.name.startsWith(SECURE_COOKIE));
  const token = await getToken({
    req: { cookies: cookieStore, headers: headerList } as unknown as Parameters<typeof getToken>[0]["req"],
    secret: authSecret(),
    secureCookie,
    decode: decodeSession,
  });
  if (!token?.uid || !token.sid) return null;
  if (!(await isSessionActive(token.sid))) return null;
  touchSession(token.sid, clientOf(headerList).address);
  return {
    id: token.uid,
    role: token.role,
    name: token.name ?? null,
    email: token.email ?? null,
    sid: token.sid,
    expiresAt: typeof token.exp === "number" ? token.exp * 1000 : Date.now(),
  };
});

/** For server actions and route handlers: the signed-in user, or an `unauthorized` error. */
export async function requireUser(): Promise<Viewer> {
  const user = await getViewer();
  if (!user) throw new HeraldError("unauthorized", "Sign in to continue");
  return user;
}

/** For server actions and route handlers: an admin, or a `forbidden` error. */
export async function requireAdmin(): Promise<Viewer> {
  const user = await requireUser();
  if (user.role !== "ADMIN") throw new HeraldError("forbidden", "Only admins can do this");
  return user;
}

/** For pages: the signed-in user, or a redirect to sign-in. */
export async function requireUserPage(): Promise<Viewer> {
  const user = await getViewer();
  if (!user) redirect("/signin");
  return user;
}
