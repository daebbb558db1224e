// The social features and the notification center's read state, run in this process against a
// real database (nothing of ours is mocked): what each member, friend and tab would receive is
// read off the bus every stream listens to.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BusMessage } from "@/lib/realtime/bus-contract";
import { useTestDatabase } from "../support/database";

let cleanup: () => Promise<void>;
const published: BusMessage[] = [];
type Lib = {
  prisma: typeof import("@/lib/db/client").prisma;
  social: typeof import("@/lib/domain/social/post-chat-message") &
    typeof import("@/lib/domain/social/send-friend-request") &
    typeof import("@/lib/domain/social/accept-friend-request") &
    typeof import("@/lib/domain/social/record-friend-activity") &
    typeof import("@/lib/domain/social/list-chat-rooms") &
    typeof import("@/lib/domain/social/list-friends");
  inbox: typeof import("@/lib/domain/notifications/mark-read") &
    typeof import("@/lib/domain/notifications/list-inbox") &
    typeof import("@/lib/domain/notifications/count-unread");
};
let lib: Lib;

beforeAll(async () => {
  ({ cleanup } = await useTestDatabase());
  const { prisma } = await import("@/lib/db/client");
  const social = Object.assign(
    {},
    await import("@/lib/domain/social/post-chat-message"),
    await import("@/lib/domain/social/send-friend-request"),
    await import("@/lib/domain/social/accept-friend-request"),
    await import("@/lib/domain/social/record-friend-activity"),
    await import("@/lib/domain/social/list-chat-rooms"),
    await import("@/lib/domain/social/list-friends"),
  );
  const inbox = Object.assign(
    {},
    await import("@/lib/domain/notifications/mark-read"),
    await import("@/lib/domain/notifications/list-inbox"),
    await import("@/lib/domain/notifications/count-unread"),
  );
  lib = { prisma, social, inbox };
  const { hub } = await import("@/lib/realtime/hub");
  (await hub()).bus.subscribe((m) => published.push(m));
  // People of our own, so the demo seed's friendships do not interfere.
  const db = await prisma();
  for (const name of ["Dave", "Erin", "Frank", "Grace"]) {
    const id = `u_${name.toLowerCase()}`;
    await db.user.create({ data: { id, name, email: `${name.toLowerCase()}@herald.test`, passwordHash: "x" } });
  }
});

afterAll(async () => {
  await cleanup?.();
});

/** The events published to one user (live to each of their open tabs) since `from`. */
function sentTo(userId: string, from = 0) {
  return published
    .slice(from)
    .filter((m): m is Extract<BusMessage, { kind: "users" }> => m.kind === "users" && m.userIds.includes(userId))
    .map((m) => m.envelope);
}

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    return err as { code: string; message: string };
  }
  throw new Error("expected a failure");
}

describe("chat", () => {
  it("stores a message, sends it to every member live, and counts it unread for the others only", async () => {
    const mark = published.length;
    const unreadBefore = await lib.inbox.countUnread("u_bob");
    const message = await lib.social.postChatMessage("u_alice", { roomId: "trading", text: "  SOL looking bullish!  " });
    expect(message).toMatchObject({ sender: "Alice", text: "SOL looking bullish!", roomId: "trading" });

    for (const member of ["u_alice", "u_bob", "u_carol"]) {
      const chat = sentTo(member, mark).find((e) => e.type === "chat_message");
      expect(chat?.data).toMatchObject({ roomId: "trading", sender: "Alice", text: "SOL looking bullish!", messageId: message.id });
    }
    expect(sentTo("u_dave", mark)).toEqual([]);
    expect(await lib.inbox.countUnread("u_bob")).toBe(unreadBefore + 1);
    const alicesCopy = await lib.inbox.listInbox("u_alice", { type: "chat_message", limit: 1 });
    expect(alicesCopy.items[0]?.readAt).not.toBeNull();

    const [room] = await lib.social.listChatRooms("u_bob");
    expect(room?.name).toBe("Trading Room");
    expect(room?.messages.at(-1)).toMatchObject({ id: message.id, text: "SOL looking bullish!" });
    expect(await lib.social.listChatRooms("u_dave")).toEqual([]);
  });

  it("refuses non-members, overlong messages and a sixth message within ten seconds", async () => {
    expect(await failure(lib.social.postChatMessage("u_dave", { roomId: "trading", text: "let me in" }))).toMatchObject({
      code: "forbidden",
    });
    const long = await failure(lib.social.postChatMessage("u_carol", { roomId: "trading", text: "x".repeat(501) }));
    expect(long.message).toContain("limited to 500 characters");
    for (let i = 1; i <= 5; i++) await lib.social.postChatMessage("u_carol", { roomId: "trading", text: `msg ${i}` });
    const flood = await failure(lib.social.postChatMessage("u_carol", { roomId: "trading", text: "msg 6" }));
    expect(flood.code).toBe("rate_limited");
    expect(flood.message).toMatch(/too fast.*Wait \d+ s/);
    const [room] = await lib.social.listChatRooms("u_carol");
    expect(room?.messages.map((m) => m.text)).not.toContain("msg 6");
  });
});

describe("friends", () => {
  it("sends a request the addressee is told about, and accepting it makes both friends", async () => {
    const mark = published.length;
    expect(await lib.social.sendFriendRequest("u_dave", "ERIN@herald.test")).toEqual({ status: "pending", name: "Erin" });
    const told = sentTo("u_erin", mark).find((e) => e.type === "friend_request");
    expect(told?.message).toBe("Dave sent you a friend request");
    expect(await failure(lib.social.sendFriendRequest("u_dave", "erin@herald.test"))).toMatchObject({ code: "conflict" });

    const erin = await lib.social.listFriends("u_erin");
    expect(erin.incoming.map((r) => r.person.name)).toEqual(["Dave"]);
    await lib.social.acceptFriendRequest("u_erin", erin.incoming[0]!.requestId);
    expect((await lib.social.listFriends("u_dave")).friends.map((f) => f.name)).toEqual(["Erin"]);
    expect((await lib.social.listFriends("u_erin")).friends.map((f) => f.name)).toEqual(["Dave"]);
    expect(sentTo("u_dave", mark).some((e) => e.message === "Erin accepted your friend request")).toBe(true);
    // Accepting twice, or someone else's request, does nothing.
    expect(await failure(lib.social.acceptFriendRequest("u_erin", erin.incoming[0]!.requestId))).toMatchObject({ code: "not_found" });
  });

  it("accepts at once when the other person had already asked, and refuses self and unknown addresses", async () => {
    await lib.social.sendFriendRequest("u_frank", "grace@herald.test");
    expect(await lib.social.sendFriendRequest("u_grace", "frank@herald.test")).toEqual({ status: "accepted", name: "Frank" });
    expect((await lib.social.listFriends("u_grace")).friends.map((f) => f.name)).toEqual(["Frank"]);
    expect(await failure(lib.social.sendFriendRequest("u_grace", "grace@herald.test"))).toMatchObject({ code: "invalid_request" });
    expect(await failure(lib.social.sendFriendRequest("u_grace", "nobody@herald.test"))).toMatchObject({ code: "not_found" });
  });

  it("tells a user's accepted friends about their activity, and nobody else", async () => {
    await lib.social.sendFriendRequest("u_dave", "frank@herald.test"); // still pending: Frank is not told
    const mark = published.length;
    const sent = await lib.social.recordFriendActivity("u_dave", { kind: "nft_upgrade", summary: "upgraded Genesis Ape to level 4" });
    expect(sent?.recipients).toEqual(["u_erin"]);
    const [activity] = sentTo("u_erin", mark);
    expect(activity).toMatchObject({ type: "friend_activity", message: "Dave upgraded Genesis Ape to level 4" });
    expect(activity?.data).toMatchObject({ friendId: "u_dave", activity: "nft_upgrade" });
    expect(sentTo("u_frank", mark)).toEqual([]);
    expect(await lib.social.recordFriendActivity("u_grace", { kind: "badge", summary: "earned a badge" })).not.toBeNull();
  });
});

describe("read state", () => {
  it("pages the inbox newest first without overlap, and mark read touches only the user's own entries", async () => {
    const first = await lib.inbox.listInbox("u_bob", { limit: 2 });
    expect(first.items).toHaveLength(2);
    const second = await lib.inbox.listInbox("u_bob", { limit: 2, before: BigInt(first.nextBefore!) });
    const ids = [...first.items, ...second.items].map((i) => BigInt(i.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : 1)));
    expect(new Set(ids).size).toBe(ids.length);

    const { notify } = await import("@/lib/notify/notify");
    const bobs = await notify(["u_bob"], { type: "badge_earned", message: "Badge for Bob", data: { badgeId: "b", name: "B" } });
    const carolsBefore = await lib.inbox.countUnread("u_carol");
    expect(await lib.inbox.markRead("u_carol", [bobs.envelope.id])).toMatchObject({ marked: 0 }); // not hers
    expect(await lib.inbox.countUnread("u_carol")).toBe(carolsBefore);
    const bobsBefore = await lib.inbox.countUnread("u_bob");
    expect(await lib.inbox.markRead("u_bob", [bobs.envelope.id])).toEqual({ marked: 1, unread: bobsBefore - 1 });
    expect(await lib.inbox.markRead("u_bob", [bobs.envelope.id])).toMatchObject({ marked: 0 }); // once only
  });

  it("mark all read leaves nothing unread and tells every tab of that user the new count", async () => {
    const mark = published.length;
    const result = await lib.inbox.markAllRead("u_bob");
    expect(result.unread).toBe(0);
    expect(await lib.inbox.countUnread("u_bob")).toBe(0);
    const pushed = sentTo("u_bob", mark).find((e) => e.type === "notifications_read");
    expect(pushed?.data).toEqual({ all: true, unread: 0 });
    expect(sentTo("u_alice", mark)).toEqual([]);
  });
});
