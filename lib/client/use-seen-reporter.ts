"use client";
// Tells the server which durable events this tab rendered while visible, so a pending attention
// escalation (an SMS for an unseen high-priority event) is cancelled. Events that arrive while the
// tab is hidden count once it becomes visible again. Reports are batched briefly, and whatever is
// left goes out when the page is left (a reload must not turn a seen event into an SMS).
import { useEffect, useRef } from "react";
import { isDurableId } from "@/lib/events/envelope";
import { useRealtimeEvent } from "./realtime";

const FLUSH_DELAY_MS = 300;
const MAX_IDS = 200;

export function useSeenReporter(url = "/api/events/seen"): void {
  const seen = useRef(new Set<string>());
  const unseen = useRef(new Set<string>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const flush = useRef(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (seen.current.size === 0) return;
    const ids = [...seen.current].slice(0, MAX_IDS);
    for (const id of ids) seen.current.delete(id);
    void fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ids }),
      keepalive: true,
    }).catch(() => ids.forEach((id) => seen.current.add(id)));
    if (seen.current.size > 0) timer.current = setTimeout(() => flush.current(), FLUSH_DELAY_MS);
  });

  useRealtimeEvent("*", (event) => {
    if (!isDurableId(event.id)) return;
    if (document.visibilityState !== "visible") {
      unseen.current.add(event.id);
      return;
    }
    seen.current.add(event.id);
    timer.current ??= setTimeout(() => flush.current(), FLUSH_DELAY_MS);
  });

  useEffect(() => {
    const onVisibility = () => {
      if (document.visibilityState !== "visible") return;
      for (const id of unseen.current) seen.current.add(id);
      unseen.current.clear();
      flush.current();
    };
    const onLeave = () => flush.current();
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("pagehide", onLeave);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("pagehide", onLeave);
      flush.current();
    };
  }, []);
}
