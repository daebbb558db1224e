import "server-only";
import { prisma } from "@/lib/db/client";

/** How many of the user's notifications are unread (the bell's number). */
export async function countUnread(userId: string): Promise<number> {
  const db = await prisma();
  return db.recipient.count({ where: { userId, readAt: null } });
}
