"use server";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { requireUser } from "@/lib/auth/viewer";
import { countUnread } from "@/lib/domain/notifications/count-unread";
import { markAllRead, markRead, type ReadResult } from "@/lib/domain/notifications/mark-read";
import { markReadSchema } from "@/lib/validations/notifications";

export async function unreadCountAction(): Promise<ActionResult<number>> {
  return runAction(async () => countUnread((await requireUser()).id));
}

export async function markReadAction(input: unknown): Promise<ActionResult<ReadResult>> {
  return runAction(async () => {
    const { ids } = markReadSchema.parse(input);
    const user = await requireUser();
    return markRead(user.id, ids);
  });
}

export async function markAllReadAction(): Promise<ActionResult<ReadResult>> {
  return runAction(async () => markAllRead((await requireUser()).id));
}
