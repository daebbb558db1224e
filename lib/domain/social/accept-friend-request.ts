import "server-only";
import { prisma } from "@/lib/db/client";
import { HeraldError } from "@/lib/errors";
import { notify } from "@/lib/notify/notify";

/** Accepts a request sent to the user; only its addressee can, and only once. */
export async function acceptFriendRequest(userId: string, requestId: string): Promise<{ name: string }> {
  const db = await prisma();
  const { count } = await db.friendship.updateMany({
    where: { id: requestId, addresseeId: userId, status: "PENDING" },
    data: { status: "ACCEPTED", acceptedAt: new Date() },
  });
  if (count === 0) throw new HeraldError("not_found", "This friend request is no longer waiting for you");
  const request = await db.friendship.findUniqueOrThrow({
    where: { id: requestId },
    include: { requester: { select: { name: true } }, addressee: { select: { name: true } } },
  });
  await notify([request.requesterId], {
    type: "friend_request",
    message: `${request.addressee.name} accepted your friend request`,
    data: { requestId, fromId: userId, status: "accepted" },
  });
  return { name: request.requester.name };
}
