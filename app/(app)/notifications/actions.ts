"use server";
import { userAction } from "@/lib/actions/action";
import { countUnread } from "@/lib/domain/notifications/count-unread";
import { markAllRead, markRead } from "@/lib/domain/notifications/mark-read";
import { markReadSchema } from "@/lib/validations/notifications";

export const unreadCountAction = userAction((user) => countUnread(user.id));

export const markReadAction = userAction(markReadSchema, (user, { ids }) => markRead(user.id, ids));

export const markAllReadAction = userAction((user) => markAllRead(user.id));
