import "server-only";
import { prisma } from "@/lib/db/client";
import type { ChatRoomView } from "./types";

export const CHAT_HISTORY = 50;

/** The rooms the user belongs to, each with its members and its latest messages (oldest first). */
export async function listChatRooms(userId: string): Promise<ChatRoomView[]> {
  const db = await prisma();
  const rooms = await db.chatRoom.findMany({
    where: { members: { some: { userId } } },
    orderBy: { name: "asc" },
    include: {
      members: { include: { user: { select: { id: true, name: true } } } },
      messages: { orderBy: { id: "desc" }, take: CHAT_HISTORY, include: { user: { select: { name: true } } } },
    },
  });
  return rooms.map((room) => ({
    id: room.id,
    name: room.name,
    members: room.members.map((m) => m.user).sort((a, b) => a.name.localeCompare(b.name)),
    messages: room.messages.reverse().map((m) => ({
      id: String(m.id),
      roomId: room.id,
      senderId: m.userId,
      sender: m.user.name,
      text: m.text,
      at: m.createdAt.toISOString(),
    })),
  }));
}
