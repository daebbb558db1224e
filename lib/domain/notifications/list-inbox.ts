import "server-only";
// A user's notifications, newest first, one page at a time (keyset paging on the notification id,
// so new arrivals never shift a page). Broadcasts have no inbox entry and are not listed here.
import { prisma } from "@/lib/db/client";
import { toEnvelope } from "@/lib/events/envelope";
import type { InboxItem, InboxPage } from "./types";

export const INBOX_PAGE_SIZE = 20;

export async function listInbox(
  userId: string,
  opts: { before?: bigint | null; limit?: number; type?: string } = {},
): Promise<InboxPage> {
  const limit = opts.limit ?? INBOX_PAGE_SIZE;
  const db = await prisma();
  const rows = await db.recipient.findMany({
    where: {
      userId,
      ...(opts.before ? { notificationId: { lt: opts.before } } : {}),
      ...(opts.type ? { notification: { type: opts.type } } : {}),
    },
    orderBy: { notificationId: "desc" },
    take: limit + 1,
    include: { notification: true },
  });
  const items: InboxItem[] = rows
    .slice(0, limit)
    .map((r) => ({ ...toEnvelope(r.notification), readAt: r.readAt?.toISOString() ?? null }));
  const nextBefore = rows.length > limit ? (items.at(-1)?.id ?? null) : null;
  return { items, nextBefore };
}
