"use client";
// Tells the server which durable events the user has seen, so a pending attention escalation (an
// SMS for an unseen high-priority event) is cancelled. The shared stream decides which tab saw an
// event (the visible tab chosen to show it, or the first to become visible after), so each event
// is reported once. Reports are batched briefly, and whatever is left goes out when the page is
// left (a reload must not turn a seen event into an SMS).
import { useEffect, useRef } from "react";
import { useRealtime } from "./realtime";

const FLUSH_DELAY_MS = 300;
const MAX_IDS = 200;

export function useSeenReporter(url = "/api/events/seen"): void {
  const { onSeen } = useRealtime();
  const seen = useRef(new Set<string>());
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

  useEffect(
    () =>
      onSeen((ids) => {
        for (const id of ids) seen.current.add(id);
        timer.current ??= setTimeout(() => flush.current(), FLUSH_DELAY_MS);
      }),
    [onSeen],
  );

  useEffect(() => {
    const flushNow = flush.current; // one function for the hook's whole life
    window.addEventListener("pagehide", flushNow);
    return () => {
      window.removeEventListener("pagehide", flushNow);
      flushNow();
    };
  }, []);
}
