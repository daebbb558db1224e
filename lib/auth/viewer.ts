import "server-only";
// Who is asking: the signed-in user behind a request's session cookie, or null.
import { getServerSession } from "next-auth";
import { getToken } from "next-auth/jwt";
import { redirect } from "next/navigation";
import { connection, type NextRequest } from "next/server";
import { HeraldError } from "@/lib/errors";
import { authOptions } from "./options";
import { authSecret } from "./secret";
import { decodeSession } from "./session-token";
import { isSessionActive } from "./sessions";

export type Viewer = { userId: string; role: "USER" | "ADMIN"; sid: string; expiresAt: number };

const SECURE_COOKIE = "__Secure-next-auth.session-token";

/** For route handlers: decodes the session JWT and checks its session was not signed out. */
export async function viewerFromRequest(req: NextRequest): Promise<Viewer | null> {
  const secureCookie = req.cookies.getAll().some((c) => c.name.startsWith(SECURE_COOKIE));
  const token = await getToken({ req, secret: authSecret(), secureCookie, decode: decodeSession });
  if (!token?.uid || !token.sid) return null;
  if (!(await isSessionActive(token.sid))) return null;
  const exp = typeof token.exp === "number" ? token.exp * 1000 : Date.now();
  return { userId: token.uid, role: token.role, sid: token.sid, expiresAt: exp };
}

/** For pages and server actions. */
export async function currentUser() {
  // A session is per request: never prerender a page that asks for one (at build time the
  // runtime environment, e.g. NEXTAUTH_SECRET, may not even be there).
  await connection();
  const session = await getServerSession(authOptions());
  return session?.user ?? null;
}

/** For server actions: the signed-in user, or an `unauthorized` error. */
export async function requireUser() {
  const user = await currentUser();
  if (!user) throw new HeraldError("unauthorized", "Sign in to continue");
  return user;
}

/** For server actions: an admin, or a `forbidden` error. */
export async function requireAdmin() {
  const user = await requireUser();
  if (user.role !== "ADMIN") throw new HeraldError("forbidden", "Only admins can do this");
  return user;
}

/** For pages: the signed-in user, or a redirect to sign-in. */
export async function requireUserPage() {
  const user = await currentUser();
  if (!user) redirect("/signin");
  return user;
}

/** For admin pages: an admin; others are sent to sign-in, or back to the dashboard. */
export async function requireAdminPage() {
  const user = await requireUserPage();
  if (user.role !== "ADMIN") redirect("/dashboard?denied=admin");
  return user;
}
