"use client";
// The browser side of the one stream: a RealtimeProvider in the signed-in frame. The user's tabs
// share one EventSource (see shared-stream.ts); this tab dispatches every event by type (checked
// against the catalogue, duplicates dropped by id) to typed subscribers, with where it is shown.
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { EventType } from "@/lib/events/catalogue";
import type { Envelope, TypedEnvelope } from "@/lib/events/envelope";
import { openTabStream } from "./browser-tab";
import { Dispatcher, type AnyHandler, type Shown } from "./dispatcher";
import type { RecentEvent } from "./recent-events";
import type { SharedStream } from "./shared-stream";
import type { ConnectionState } from "./connection";

type RealtimeApi = {
  state: ConnectionState;
  /** This tab holds the stream for the user's tabs (or its own, where tabs cannot share one). */
  leader: boolean;
  dispatcher: Dispatcher;
  /** The durable events this tab dispatched after `cursor`; null when it cannot tell (too far back). */
  eventsSince(cursor: string | null): RecentEvent<Envelope>[] | null;
  /** Calls `handler` with the durable events the user has seen in this tab (one tab reports each). */
  onSeen(handler: (ids: string[]) => void): () => void;
  /** Reloads the page's server state (when events cannot be caught up). */
  resync(): void;
  /** The session ends here (sign-out): closes the stream for good, in the user's other tabs too. */
  endSession(): void;
  /** Retries at once instead of waiting for the backoff timer. */
  reconnect(): void;
};

const RealtimeContext = createContext<RealtimeApi | null>(null);

export function RealtimeProvider(props: {
  children: ReactNode;
  /** The signed-in user: only their tabs share a stream. */
  userId: string;
  /** The cursor the page was rendered at (lib/events/cursor.ts): the stream resumes from it. */
  initialCursor?: string | null;
  /** Called when the server says too much was missed to replay. */
  onResync?: () => void;
  /** Called when the session ended (here, in another tab, or on the server: the stream is refused for good). */
  onSessionEnded?: () => void;
  url?: string;
}) {
  const { url = "/api/events/stream", userId } = props;
  const [state, setState] = useState<ConnectionState>("connecting");
  const [leader, setLeader] = useState(false);
  const dispatcher = useMemo(() => new Dispatcher(), []);
  const seenHandlers = useRef(new Set<(ids: string[]) => void>());
  const cursor = useRef<string | null>(props.initialCursor ?? null);
  const stream = useRef<SharedStream | null>(null);
  const callbacks = useRef({ onResync: props.onResync, onSessionEnded: props.onSessionEnded });
  // Once committed: a render that may never commit must not swap them.
  useLayoutEffect(() => {
    callbacks.current = { onResync: props.onResync, onSessionEnded: props.onSessionEnded };
  });

  useEffect(() => {
    const tab = openTabStream({
      url,
      userId,
      cursor: cursor.current,
      on: {
        event: (event, where) => dispatcher.dispatch(event, { where }),
        seen: (ids) => seenHandlers.current.forEach((handler) => handler(ids)),
        state: setState,
        role: setLeader,
        resync: () => callbacks.current.onResync?.(),
        sessionEnded: () => callbacks.current.onSessionEnded?.(),
      },
    });
    stream.current = tab.stream;
    return () => {
      tab.close();
      cursor.current = tab.stream.lastCursor;
      stream.current = null;
    };
  }, [url, userId, dispatcher]);

  const eventsSince = useCallback((since: string | null) => stream.current?.recent.after(since) ?? [], []);
  const onSeen = useCallback((handler: (ids: string[]) => void) => {
    seenHandlers.current.add(handler);
    return () => void seenHandlers.current.delete(handler);
  }, []);
  const resync = useCallback(() => callbacks.current.onResync?.(), []);
  const endSession = useCallback(() => stream.current?.endSession(), []);
  const reconnect = useCallback(() => stream.current?.retryNow(), []);

  const api = useMemo<RealtimeApi>(
    () => ({ state, leader, dispatcher, eventsSince, onSeen, resync, endSession, reconnect }),
    [state, leader, dispatcher, eventsSince, onSeen, resync, endSession, reconnect],
  );
  return <RealtimeContext.Provider value={api}>{props.children}</RealtimeContext.Provider>;
}

export function useRealtime(): RealtimeApi {
  const api = useContext(RealtimeContext);
  if (!api) throw new Error("useRealtime must be used inside <RealtimeProvider>");
  return api;
}

/** The cursor of the page being rendered (see PageEvents), if any. */
export const PageCursorContext = createContext<{ since: string | null } | null>(null);

/**
 * Calls `handler` for every event of `type` (typed by the catalogue) while the component is
 * mounted. Inside a page, it first gets the events stored after the page's data was read that
 * reached this tab before the page mounted (a client navigation).
 */
export function useRealtimeEvent<T extends EventType>(type: T, handler: (event: TypedEnvelope<T>, shown: Shown) => void): void;
/** Calls `handler` for every event while the component is mounted. */
export function useRealtimeEvent(type: "*", handler: (event: Envelope, shown: Shown) => void): void;
export function useRealtimeEvent(type: EventType | "*", handler: AnyHandler): void {
  const { dispatcher, eventsSince } = useRealtime();
  const page = useContext(PageCursorContext);
  const latest = useRef(handler);
  // Once committed: a render that may never commit (a navigation still on its way) must not swap it.
  useLayoutEffect(() => {
    latest.current = handler;
  });
  const caughtUp = useRef(false);
  useEffect(() => {
    const call: AnyHandler = (e, d) => latest.current(e, d);
    const off = type === "*" ? dispatcher.on("*", call) : dispatcher.on(type, call);
    if (page && !caughtUp.current) {
      caughtUp.current = true; // once per mount: later the page's subscribers hear everything live
      for (const missed of eventsSince(page.since) ?? []) {
        if (type === "*" || missed.event.type === type) call(missed.event, { where: "other" });
      }
    }
    return off;
  }, [dispatcher, type, page, eventsSince]);
}
