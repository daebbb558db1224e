import "server-only";
// Recipients named by user id, external id (provisioned users) or email, resolved all-or-nothing:
// one unknown name rejects the request (404), so nothing is half-sent. Every trigger request runs
// this lookup, so it is one plain statement on the driver (`sql()`), not a Prisma query compiled
// anew on every call.
import { sql } from "@/lib/db/client";
import { HeraldError } from "@/lib/errors";

export async function resolveRecipients(refs: string[]): Promise<string[]> {
  const wanted = [...new Set(refs.map((r) => r.trim()))];
  const emails = wanted.filter((r) => r.includes("@")).map((r) => r.toLowerCase());
  const ids = wanted.filter((r) => !r.includes("@"));
  const query = await sql();
  const users = await query<{ id: string; email: string; externalId: string | null }>(
    `SELECT "id", "email", "externalId" FROM "User" WHERE "id" = ANY($1::text[]) OR "externalId" = ANY($1::text[]) OR "email" = ANY($2::text[])`,
    [ids, emails],
  );
  const known = new Set(users.flatMap((u) => [u.id, u.email, ...(u.externalId ? [u.externalId] : [])]));
  const unknown = wanted.filter((r) => !known.has(r.includes("@") ? r.toLowerCase() : r));
  if (unknown.length > 0) {
    // Also what a trigger to an erased user gets: erasing leaves nothing that knew them.
    throw new HeraldError("not_found", `Unknown recipient${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}`, {
      issues: unknown.map((r) => ({ path: "to", message: `no user with id, external id or email "${r}"` })),
    });
  }
  return [...new Set(users.map((u) => u.id))];
}
