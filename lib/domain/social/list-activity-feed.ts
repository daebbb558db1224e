import "server-only";
import type { Envelope } from "@/lib/events/envelope";
import { listInbox } from "@/lib/domain/notifications/list-inbox";

/** The friends' activity the user was told about, newest first. */
export async function listActivityFeed(userId: string, limit = 20): Promise<Envelope[]> {
  const page = await listInbox(userId, { type: "friend_activity", limit });
  return page.items;
}
