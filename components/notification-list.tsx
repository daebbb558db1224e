"use client";
import { Badge, Button, Card, Flex, Text } from "@radix-ui/themes";
import { useState } from "react";
import { toast } from "sonner";
import { markAllReadAction, markReadAction } from "@/app/(app)/notifications/actions";
import { useRealtimeEvent } from "@/lib/client/realtime";
import type { InboxItem } from "@/lib/domain/notifications/types";
import { useRefreshOnEvents } from "./use-refresh-on-events";
import { useUnreadCount } from "./unread-count";

/**
 * One page of the inbox. The server's list is the truth; read changes (from this tab or any
 * other, via `notifications_read`) show at once and the page is then re-read from the server.
 * On the first page, new notifications appear as they arrive.
 */
export function NotificationList(props: { items: InboxItem[]; live: boolean }) {
  const unread = useUnreadCount();
  const [readNow, setReadNow] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  useRefreshOnEvents(props.live);
  useRealtimeEvent("notifications_read", (event) => {
    setReadNow((prev) => new Set([...prev, ...(event.data.all ? props.items.map((i) => i.id) : (event.data.ids ?? []))]));
  });

  const isRead = (item: InboxItem) => item.readAt !== null || readNow.has(item.id);

  async function markOne(id: string) {
    const result = await markReadAction({ ids: [id] });
    if (!result.ok) return void toast.error(result.error.message);
    setReadNow((prev) => new Set([...prev, id]));
  }
  async function markAll() {
    setBusy(true);
    const result = await markAllReadAction();
    setBusy(false);
    if (!result.ok) return void toast.error(result.error.message);
    setReadNow(new Set(props.items.map((i) => i.id)));
    toast.success(result.data.marked === 0 ? "Nothing was unread" : `Marked ${result.data.marked} as read`);
  }

  return (
    <Card size="2" className="inbox">
      <Flex justify="between" align="center" gap="3" wrap="wrap" mb="3">
        <Text as="p" color="gray" data-testid="inbox-unread">
          {unread === null ? "Counting…" : unread === 0 ? "All caught up" : `${unread} unread`}
        </Text>
        <Button onClick={markAll} disabled={busy || unread === 0}>
          Mark all read
        </Button>
      </Flex>
      {props.items.length === 0 ? (
        <Text as="p" color="gray">
          No notifications yet.
        </Text>
      ) : (
        <ul className="feed" data-testid="inbox">
          {props.items.map((item) => {
            const read = isRead(item);
            return (
              <li key={item.id} className={`feed-item inbox-item${read ? "" : " unread"}`} data-read={read}>
                {!read && <span className="unread-dot" aria-label="Unread" role="img" />}
                <Badge color="gray" variant="soft">
                  {item.category}
                </Badge>
                <span className="feed-message">{item.message}</span>
                <time dateTime={item.timestamp}>{new Date(item.timestamp).toLocaleString()}</time>
                {!read && (
                  <Button size="1" variant="soft" onClick={() => void markOne(item.id)} aria-label={`Mark read: ${item.message}`}>
                    Mark read
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
