import "server-only";
// next-auth (v4) configuration: credentials sign-in with `email` and `password` (lib/auth/sign-in.ts),
// JWT sessions that carry the user id, role and a revocable session id.
import type { NextAuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { signInSchema } from "@/lib/validations/auth";
import { log } from "@/lib/log";
import { processWide } from "@/lib/service";
import { authSecret } from "./secret";
import { isSessionActive, revokeAuthSession } from "./sessions";
import { signInRefusal, signInWithPassword } from "./sign-in";

export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;
const SESSION_ENDED = "session ended";

export function authOptions(): NextAuthOptions {
  return processWide("auth-options", create);
}

function create(): NextAuthOptions {
  // Without NEXTAUTH_URL, next-auth derives its URL from the request's Host (any port, behind any proxy).
  if (!env().NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "true";
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    // Errors land on the sign-in page too (`?error=rate_limited:840`), for a form posted without JavaScript.
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      Credentials({
        name: "Email",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        // Runs inside the route handler's request: it reads the client's address and cookies itself.
        async authorize(credentials) {
          const parsed = signInSchema.safeParse(credentials);
          if (!parsed.success) return null;
          try {
            return await signInWithPassword(parsed.data, SESSION_MAX_AGE_SECONDS);
          } catch (err) {
            throw signInRefusal(err);
          }
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.role = user.role;
          token.sid = user.sid;
        } else if (!token.sid || !(await isSessionActive(token.sid))) {
          // next-auth's own /api/auth/session refuses an ended session too: it answers `{}` and clears the cookie.
          throw new Error(SESSION_ENDED);
        }
        return token;
      },
      session({ session, token }) {
        session.user = { ...session.user, id: token.uid, role: token.role };
        return session;
      },
    },
    logger: {
      // An ended session asking /api/auth/session is expected, not an error worth a log line.
      error(code, metadata) {
        if (code === "JWT_SESSION_ERROR" && (metadata as { message?: unknown } | undefined)?.message === SESSION_ENDED) return;
        log().error({ code, err: metadata }, `next-auth: ${code}`);
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.uid && token.sid) await revokeAuthSession(token.uid, token.sid);
      },
    },
  };
}
