import type { NextRequest } from "next/server";
import { verifyEmail } from "@/lib/auth/verify-email";
import { accountTokenSchema } from "@/lib/validations/auth";

/** The link in the verification email: confirms the address, then on to sign-in, which says how it went. */
export async function GET(req: NextRequest) {
  const token = accountTokenSchema.safeParse(req.nextUrl.searchParams.get("token"));
  const verified = token.success && (await verifyEmail(token.data));
  // Relative: the browser resolves it against the address it used, whatever proxy is in front.
  return new Response(null, { status: 303, headers: { Location: `/signin?verified=${verified ? "1" : "0"}` } });
}
