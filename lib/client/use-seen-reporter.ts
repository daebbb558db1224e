"use client";
// Tells the server which durable events this tab rendered while visible, so a pending attention
// escalation (an SMS for an unseen high-priority event) is cancelled. Events that arrive while
// the tab is hidden are reported when it becomes visible again.
import { useEffect, useRef } from "react";
import { isDurableId } from "@/lib/events/envelope";
import { useRealtimeEvent } from "./realtime";

const FLUSH_DELAY_MS = 300;

export function useSeenReporter(url = "/api/events/seen"): void {
  const queue = useRef(new Set<string>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const flush = useRef(() => {
    timer.current = null;
    if (document.visibilityState !== "visible" || queue.current.size === 0) return;
    const ids = [...queue.current].slice(0, 200);
    for (const id of ids) queue.current.delete(id);
    void fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ids }),
      keepalive: true,
    }).catch(() => ids.forEach((id) => queue.current.add(id)));
  });

  useRealtimeEvent("*", (event) => {
    if (!isDurableId(event.id)) return;
    queue.current.add(event.id);
    timer.current ??= setTimeout(() => flush.current(), FLUSH_DELAY_MS);
  });

  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === "visible") flush.current();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      document.removeEventListener("visibilitychange", onVisible);
      if (timer.current) clearTimeout(timer.current);
    };
  }, []);
}
