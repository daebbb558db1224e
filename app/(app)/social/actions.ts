"use server";
import { userAction } from "@/lib/actions/action";
import { acceptFriendRequest } from "@/lib/domain/social/accept-friend-request";
import { postChatMessage } from "@/lib/domain/social/post-chat-message";
import { sendFriendRequest } from "@/lib/domain/social/send-friend-request";
import { acceptFriendSchema, chatMessageSchema, friendRequestSchema } from "@/lib/validations/social";

export const sendFriendRequestAction = userAction(friendRequestSchema, (user, { email }) => sendFriendRequest(user.id, email));

export const acceptFriendRequestAction = userAction(acceptFriendSchema, (user, { requestId }) => acceptFriendRequest(user.id, requestId));

export const postChatMessageAction = userAction(chatMessageSchema, (user, message) => postChatMessage(user.id, message));
