import "server-only";
// Read state lives on the server (Recipient.readAt). After a change, the user's open tabs are
// told through the stream (an ephemeral `notifications_read`), so every tab shows the same count.
import { prisma } from "@/lib/db/client";
import { notify } from "@/lib/notify/notify";
import { countUnread } from "./count-unread";

export type ReadResult = { marked: number; unread: number };

/** Marks some of the user's notifications read; ids that are not theirs are ignored. */
export async function markRead(userId: string, ids: string[]): Promise<ReadResult> {
  const db = await prisma();
  const { count } = await db.recipient.updateMany({
    where: { userId, readAt: null, notificationId: { in: ids.map(BigInt) } },
    data: { readAt: new Date() },
  });
  return announce(userId, count, { ids });
}

/** Marks every notification of the user read. */
export async function markAllRead(userId: string): Promise<ReadResult> {
  const db = await prisma();
  const { count } = await db.recipient.updateMany({ where: { userId, readAt: null }, data: { readAt: new Date() } });
  return announce(userId, count, { all: true });
}

async function announce(userId: string, marked: number, change: { ids?: string[]; all?: boolean }): Promise<ReadResult> {
  const unread = await countUnread(userId);
  if (marked > 0) {
    await notify([userId], {
      type: "notifications_read",
      message: change.all ? "All notifications read" : `${marked} notification${marked === 1 ? "" : "s"} read`,
      data: { ...change, unread },
    });
  }
  return { marked, unread };
}
