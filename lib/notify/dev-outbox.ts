import "server-only";
// The dev outbox: what the capture adapter "sent" (exact content), newest first, like a mail catcher.
import { prisma } from "@/lib/db/client";

export async function listOffline(opts: { status?: "captured"; limit?: number } = {}) {
  const db = await prisma();
  const rows = await db.delivery.findMany({
    where: { channel: { not: "sse" }, ...(opts.status ? { status: opts.status } : { status: { notIn: ["missed"] } }) },
    orderBy: { updatedAt: "desc" },
    take: opts.limit ?? 100,
    include: { user: { select: { name: true, email: true } }, notification: { select: { type: true, priority: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    notificationId: String(r.notificationId),
    type: r.notification.type,
    priority: r.notification.priority,
    user: r.user.name,
    channel: r.channel as "sms" | "push" | "email",
    trigger: r.trigger,
    status: r.status,
    destination: r.destination,
    content: contentOf(r.payload),
    attempts: r.attempts,
    lastError: r.lastError,
    at: r.updatedAt.toISOString(),
  }));
}

/** The human-readable part of a stored message: SMS body, push title and body, email subject and text. */
function contentOf(payload: unknown): { title: string | null; body: string } | null {
  if (!payload || typeof payload !== "object") return null;
  const p = payload as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" ? v : null);
  if (str(p.subject)) return { title: str(p.subject), body: str(p.text) ?? "" };
  if (str(p.title)) return { title: str(p.title), body: str(p.body) ?? "" };
  return { title: null, body: str(p.body) ?? "" };
}
