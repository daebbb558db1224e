import { z } from "zod";

const notificationId = z.string().regex(/^\d{1,19}$/, "must be a notification id");

export const markReadSchema = z.object({ ids: z.array(notificationId).min(1).max(100) });

/** `?before=<id>` on the notifications page. */
export const inboxCursorSchema = z.object({ before: notificationId.optional() });
