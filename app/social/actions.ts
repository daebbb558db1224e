"use server";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { requireUser } from "@/lib/auth/viewer";
import { acceptFriendRequest } from "@/lib/domain/social/accept-friend-request";
import { postChatMessage } from "@/lib/domain/social/post-chat-message";
import { sendFriendRequest, type FriendRequestResult } from "@/lib/domain/social/send-friend-request";
import type { ChatMessageView } from "@/lib/domain/social/types";
import { acceptFriendSchema, chatMessageSchema, friendRequestSchema } from "@/lib/validations/social";

export async function sendFriendRequestAction(input: unknown): Promise<ActionResult<FriendRequestResult>> {
  return runAction(async () => {
    const { email } = friendRequestSchema.parse(input);
    const user = await requireUser();
    return sendFriendRequest(user.id, email);
  });
}

export async function acceptFriendRequestAction(input: unknown): Promise<ActionResult<{ name: string }>> {
  return runAction(async () => {
    const { requestId } = acceptFriendSchema.parse(input);
    const user = await requireUser();
    return acceptFriendRequest(user.id, requestId);
  });
}

export async function postChatMessageAction(input: unknown): Promise<ActionResult<ChatMessageView>> {
  return runAction(async () => {
    const message = chatMessageSchema.parse(input);
    const user = await requireUser();
    return postChatMessage(user.id, message);
  });
}
