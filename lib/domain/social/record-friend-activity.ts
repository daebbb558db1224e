import "server-only";
// Tells a user's friends what they did (an NFT upgrade, a badge, a trade): one `friend_activity`
// notification to all of them. Features call this after their own event, e.g.
//   await recordFriendActivity(userId, { kind: "badge", summary: "earned the Trading Pro badge" })
import { prisma } from "@/lib/db/client";
import { log } from "@/lib/log";
import { notify, type NotifyResult } from "@/lib/notify/notify";
import { friendActivitySchema, type FriendActivity } from "@/lib/validations/social";
import { friendIdsOf } from "./list-friends";

/** Returns the notification sent, or null when the user has no friends to tell. */
export async function recordFriendActivity(userId: string, activity: FriendActivity): Promise<NotifyResult | null> {
  const { kind, summary, data } = friendActivitySchema.parse(activity);
  const friends = await friendIdsOf(userId);
  if (friends.length === 0) return null;
  const db = await prisma();
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true } });
  return notify(friends, {
    type: "friend_activity",
    message: `${user.name} ${summary}`,
    data: { ...data, friendId: userId, friendName: user.name, activity: kind },
  });
}

/**
 * Best effort, for features whose own event has already gone out: a failure to tell friends is
 * logged and never undoes or repeats the feature's work.
 */
export async function tellFriends(userId: string, activity: FriendActivity): Promise<void> {
  await recordFriendActivity(userId, activity).catch((err) =>
    log().error({ err, kind: activity.kind }, "telling friends about an activity failed"),
  );
}
