"use client";
// The user's unread count, one per page (the bell, the dashboard and the inbox share it), kept
// equal to the server's: loaded on mount, re-read (debounced) when a stored event arrives (it may
// or may not be an inbox entry: broadcasts are not), and set directly when any tab changes read
// state (`notifications_read` carries the new count).
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { unreadCountAction } from "@/app/(app)/notifications/actions";
import { useRealtimeEvent } from "@/lib/client/realtime";
import { isDurableId } from "@/lib/events/envelope";

const UnreadContext = createContext<number | null>(null);

export function UnreadCountProvider(props: { children: ReactNode }) {
  const [unread, setUnread] = useState<number | null>(null);
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
    return () => void (timer.current && clearTimeout(timer.current));
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
  return <UnreadContext.Provider value={unread}>{props.children}</UnreadContext.Provider>;
}

/** The live unread count, or null until it is known. */
export function useUnreadCount(): number | null {
  return useContext(UnreadContext);
}
