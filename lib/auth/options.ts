import "server-only";
// next-auth (v4) configuration: credentials sign-in with `email` and `password`, JWT sessions that
// carry the user id, role and a revocable session id.
import type { NextAuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { signInSchema } from "@/lib/validations/auth";
import { verifyPassword } from "./password";
import { authSecret } from "./secret";
import { createAuthSession, revokeAuthSession } from "./sessions";

export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

const store = globalThis as unknown as { heraldAuthOptions?: NextAuthOptions };

export function authOptions(): NextAuthOptions {
  if (store.heraldAuthOptions) return store.heraldAuthOptions;
  // Without NEXTAUTH_URL, next-auth derives its URL from the request's Host (any port, behind any proxy).
  if (!env().NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "true";
  store.heraldAuthOptions = {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin" },
    providers: [
      Credentials({
        name: "Email",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials) {
          const parsed = signInSchema.safeParse(credentials);
          if (!parsed.success) return null;
          const db = await prisma();
          const user = await db.user.findUnique({ where: { email: parsed.data.email.toLowerCase() } });
          if (!user || !(await verifyPassword(parsed.data.password, user.passwordHash))) return null;
          return { id: user.id, email: user.email, name: user.name, role: user.role };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.role = user.role;
          token.sid = await createAuthSession(user.id, SESSION_MAX_AGE_SECONDS);
        }
        return token;
      },
      session({ session, token }) {
        session.user = { ...session.user, id: token.uid, role: token.role };
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.uid && token.sid) await revokeAuthSession(token.uid, token.sid);
      },
    },
  };
  return store.heraldAuthOptions;
}
