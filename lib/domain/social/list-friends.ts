import "server-only";
import { prisma } from "@/lib/db/client";
import type { FriendsView } from "./types";

/** The ids of everyone who accepted a friendship with the user (in either direction). */
export async function friendIdsOf(userId: string): Promise<string[]> {
  const db = await prisma();
  const rows = await db.friendship.findMany({
    where: { status: "ACCEPTED", OR: [{ requesterId: userId }, { addresseeId: userId }] },
    select: { requesterId: true, addresseeId: true },
  });
  return rows.map((r) => (r.requesterId === userId ? r.addresseeId : r.requesterId));
}

/** Friends, and the requests waiting on either side. */
export async function listFriends(userId: string): Promise<FriendsView> {
  const db = await prisma();
  const person = { select: { id: true, name: true } } as const;
  const rows = await db.friendship.findMany({
    where: { OR: [{ requesterId: userId }, { addresseeId: userId }] },
    include: { requester: person, addressee: person },
    orderBy: { createdAt: "asc" },
  });
  const view: FriendsView = { friends: [], incoming: [], outgoing: [] };
  for (const r of rows) {
    const other = r.requesterId === userId ? r.addressee : r.requester;
    if (r.status === "ACCEPTED") view.friends.push(other);
    else {
      const request = { requestId: r.id, person: other, sentAt: r.createdAt.toISOString() };
      (r.requesterId === userId ? view.outgoing : view.incoming).push(request);
    }
  }
  view.friends.sort((a, b) => a.name.localeCompare(b.name));
  return view;
}
