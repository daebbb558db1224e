import "server-only";
// A chat message: stored in the room's history, then sent to every member as a `chat_message`
// notification (live to open tabs, replayed after a reconnect). The sender's copy is marked read
// at once: nobody needs a notification about their own message.
import { prisma } from "@/lib/db/client";
import { markRead } from "@/lib/domain/notifications/mark-read";
import { HeraldError } from "@/lib/errors";
import { notify } from "@/lib/notify/notify";
import { chatMessageSchema, type ChatMessageInput } from "@/lib/validations/social";
import { CHAT_RATE, chatRateDecision } from "./chat-rate-limit";
import type { ChatMessageView } from "./types";

export async function postChatMessage(userId: string, input: ChatMessageInput): Promise<ChatMessageView> {
  const { roomId, text } = chatMessageSchema.parse(input);
  const db = await prisma();
  const room = await db.chatRoom.findFirst({
    where: { id: roomId, members: { some: { userId } } },
    include: { members: { select: { userId: true } } },
  });
  if (!room) throw new HeraldError("forbidden", "You are not a member of this room");

  const now = new Date();
  const recent = await db.chatMessage.findMany({
    where: { userId, createdAt: { gt: new Date(now.getTime() - CHAT_RATE.windowMs) } },
    select: { createdAt: true },
  });
  const decision = chatRateDecision(
    recent.map((m) => m.createdAt),
    now,
  );
  if (!decision.ok) {
    const seconds = Math.ceil(decision.retryAfterMs / 1000);
    throw new HeraldError(
      "rate_limited",
      `You're sending messages too fast (${CHAT_RATE.max} per ${CHAT_RATE.windowMs / 1000} s). Wait ${seconds} s and try again.`,
    );
  }

  const row = await db.chatMessage.create({
    data: { roomId, userId, text },
    include: { user: { select: { name: true } } },
  });
  const message: ChatMessageView = {
    id: String(row.id),
    roomId,
    senderId: userId,
    sender: row.user.name,
    text,
    at: row.createdAt.toISOString(),
  };
  const sent = await notify(
    room.members.map((m) => m.userId),
    {
      type: "chat_message",
      message: `${message.sender} in ${room.name}: ${text.length > 80 ? `${text.slice(0, 79)}…` : text}`,
      data: { roomId, roomName: room.name, messageId: message.id, senderId: userId, sender: message.sender, text, at: message.at },
    },
  );
  await markRead(userId, [sent.envelope.id]);
  return message;
}
