import "server-only";
// Recipients named by user id or email, resolved all-or-nothing: one unknown name rejects the
// request, so nothing is half-sent.
import { prisma } from "@/lib/db/client";
import { HeraldError } from "@/lib/errors";

export async function resolveRecipients(refs: string[]): Promise<string[]> {
  const wanted = [...new Set(refs.map((r) => r.trim()))];
  const emails = wanted.filter((r) => r.includes("@")).map((r) => r.toLowerCase());
  const ids = wanted.filter((r) => !r.includes("@"));
  const db = await prisma();
  const users = await db.user.findMany({
    where: { OR: [{ id: { in: ids } }, { email: { in: emails } }] },
    select: { id: true, email: true },
  });
  const unknown = wanted.filter((r) => !users.some((u) => u.id === r || u.email === r.toLowerCase()));
  if (unknown.length > 0) {
    throw new HeraldError("invalid_request", `Unknown recipient${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}`, {
      issues: unknown.map((r) => ({ path: "to", message: `no user with id or email "${r}"` })),
    });
  }
  return [...new Set(users.map((u) => u.id))];
}
