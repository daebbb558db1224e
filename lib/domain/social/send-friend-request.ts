import "server-only";
import { prisma } from "@/lib/db/client";
import { HeraldError } from "@/lib/errors";
import { notify } from "@/lib/notify/notify";
import { acceptFriendRequest } from "./accept-friend-request";

export type FriendRequestResult = { status: "pending" | "accepted"; name: string };

/** Asks the user with `email` to be friends; if they already asked us, that request is accepted. */
export async function sendFriendRequest(fromId: string, email: string): Promise<FriendRequestResult> {
  const db = await prisma();
  const [from, to] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: fromId }, select: { id: true, name: true } }),
    db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, name: true } }),
  ]);
  if (!to) throw new HeraldError("not_found", `Nobody uses ${email} on Herald`);
  if (to.id === from.id) throw new HeraldError("invalid_request", "You cannot send a friend request to yourself");

  const existing = await db.friendship.findFirst({
    where: {
      OR: [
        { requesterId: from.id, addresseeId: to.id },
        { requesterId: to.id, addresseeId: from.id },
      ],
    },
  });
  if (existing?.status === "ACCEPTED") throw new HeraldError("conflict", `You and ${to.name} are already friends`);
  if (existing?.requesterId === from.id) throw new HeraldError("conflict", `You already asked ${to.name}; waiting for them`);
  if (existing) {
    await acceptFriendRequest(from.id, existing.id);
    return { status: "accepted", name: to.name };
  }

  const request = await db.friendship.create({ data: { requesterId: from.id, addresseeId: to.id } });
  await notify([to.id], {
    type: "friend_request",
    message: `${from.name} sent you a friend request`,
    data: { requestId: request.id, fromId: from.id, status: "pending" },
  });
  return { status: "pending", name: to.name };
}
