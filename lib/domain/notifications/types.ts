// What the notification center shows: a stored notification as its envelope, plus read state.
import type { Envelope } from "@/lib/events/envelope";

export type InboxItem = Envelope & { readAt: string | null };
export type InboxPage = { items: InboxItem[]; nextBefore: string | null };
