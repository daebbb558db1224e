"use client";
// Re-reads the page's server data (router.refresh, debounced) after stored events arrive or read
// state changes: the server stays the one source of truth for lists such as the inbox.
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { useRealtimeEvent } from "@/lib/client/realtime";
import { isDurableId } from "@/lib/events/envelope";

export function useRefreshOnEvents(enabled = true, delayMs = 200): void {
  const router = useRouter();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  useRealtimeEvent("*", (event) => {
    if (!enabled || !(isDurableId(event.id) || event.type === "notifications_read")) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => router.refresh(), delayMs);
  });
}
