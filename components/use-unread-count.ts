"use client";
// The user's unread count, kept equal to the server's: loaded on mount, re-read (debounced) when a
// stored event arrives (it may or may not be an inbox entry: broadcasts are not), and set directly
// when any tab changes read state (`notifications_read` carries the new count).
import { useCallback, useEffect, useRef, useState } from "react";
import { unreadCountAction } from "@/app/notifications/actions";
import { useRealtimeEvent } from "@/lib/client/realtime";
import { isDurableId } from "@/lib/events/envelope";

export function useUnreadCount(initial: number | null = null): number | null {
  const [unread, setUnread] = useState<number | null>(initial);
  const generation = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    const result = await unreadCountAction();
    // A read-state push that arrived meanwhile is newer than this answer.
    if (result.ok && mine === generation.current) setUnread(result.data);
  }, []);

  useEffect(() => {
    void reload();
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [reload]);

  useRealtimeEvent("notifications_read", (event) => {
    generation.current++;
    setUnread(event.data.unread);
  });
  useRealtimeEvent("*", (event) => {
    if (!isDurableId(event.id)) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void reload(), 200);
  });
  return unread;
}
