import "server-only";
// Recipients named by user id or email, resolved all-or-nothing: one unknown name rejects the
// request, so nothing is half-sent. Every trigger request runs this lookup, so it is one plain
// statement on the driver (`sql()`), not a Prisma query compiled anew on every call.
import { sql } from "@/lib/db/client";
import { HeraldError } from "@/lib/errors";

export async function resolveRecipients(refs: string[]): Promise<string[]> {
  const wanted = [...new Set(refs.map((r) => r.trim()))];
  const emails = wanted.filter((r) => r.includes("@")).map((r) => r.toLowerCase());
  const ids = wanted.filter((r) => !r.includes("@"));
  const query = await sql();
  const users = await query<{ id: string; email: string }>(
    `SELECT "id", "email" FROM "User" WHERE "id" = ANY($1::text[]) OR "email" = ANY($2::text[])`,
    [ids, emails],
  );
  const known = new Set(users.flatMap((u) => [u.id, u.email]));
  const unknown = wanted.filter((r) => !known.has(r.includes("@") ? r.toLowerCase() : r));
  if (unknown.length > 0) {
    throw new HeraldError("invalid_request", `Unknown recipient${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}`, {
      issues: unknown.map((r) => ({ path: "to", message: `no user with id or email "${r}"` })),
    });
  }
  return [...new Set(users.map((u) => u.id))];
}
