"use client";
// A page's place in the stream: its cursor, the newest event id read before its data. The stream
// stays open across client navigation, so an event stored after the page's data was read may
// reach this tab while the page is still being fetched: the page's subscribers get those first
// (see useRealtimeEvent). When this tab cannot tell what came since (too far back), the page's
// data is read again instead.
import { useEffect, useMemo, useRef, type ReactNode } from "react";
import { PageCursorContext, useRealtime } from "./realtime";

export function PageEvents(props: { since: string | null; children: ReactNode }) {
  const { eventsSince, resync } = useRealtime();
  const page = useMemo(() => ({ since: props.since }), [props.since]);
  const checked = useRef(false);
  useEffect(() => {
    if (checked.current) return;
    checked.current = true;
    if (eventsSince(page.since) === null) resync();
  }, [page, eventsSince, resync]);
  return <PageCursorContext.Provider value={page}>{props.children}</PageCursorContext.Provider>;
}
