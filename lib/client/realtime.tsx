"use client";
// The browser side of the one stream: a RealtimeProvider per signed-in app that owns a single
// EventSource, drops duplicates by id, resumes from the last id it saw, reconnects with jittered
// backoff when the browser gives up, and dispatches every event by type to subscribers.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { envelopeSchema, isDurableId, type Envelope } from "@/lib/events/envelope";
import type { EventType } from "@/lib/events/catalogue";
import { reconnectDelay } from "./backoff";

export type ConnectionState = "connecting" | "connected" | "reconnecting" | "offline";
type Handler = (event: Envelope) => void;

type RealtimeApi = {
  state: ConnectionState;
  subscribe(type: EventType | "*", handler: Handler): () => void;
  disconnect(): void;
};

const RealtimeContext = createContext<RealtimeApi | null>(null);
const SEEN_LIMIT = 2000;

export function RealtimeProvider(props: {
  children: ReactNode;
  /** The newest event id the page was rendered with: the stream resumes after it. */
  initialCursor?: string | null;
  /** Called when the server says too much was missed to replay. */
  onResync?: () => void;
  /** Called when the stream is refused for good (e.g. the session ended). */
  onUnauthorized?: () => void;
  url?: string;
}) {
  const { url = "/api/events/stream" } = props;
  const [state, setState] = useState<ConnectionState>("connecting");
  const handlers = useRef(new Map<string, Set<Handler>>());
  const cursor = useRef<string | null>(props.initialCursor ?? null);
  const seen = useRef(new Set<string>());
  const source = useRef<EventSource | null>(null);
  const retryTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const stopped = useRef(false);
  const callbacks = useRef({ onResync: props.onResync, onUnauthorized: props.onUnauthorized });
  callbacks.current = { onResync: props.onResync, onUnauthorized: props.onUnauthorized };

  const dispatch = useCallback((event: Envelope) => {
    for (const key of [event.type, "*"]) for (const h of handlers.current.get(key) ?? []) h(event);
  }, []);

  const disconnect = useCallback(() => {
    stopped.current = true;
    if (retryTimer.current) clearTimeout(retryTimer.current);
    source.current?.close();
    source.current = null;
    setState("offline");
  }, []);

  useEffect(() => {
    stopped.current = false;
    let failures = 0;

    const connect = () => {
      if (stopped.current) return;
      const target = cursor.current ? `${url}?lastEventId=${encodeURIComponent(cursor.current)}` : url;
      const es = new EventSource(target);
      source.current = es;
      es.onopen = () => {
        failures = 0;
        setState("connected");
      };
      es.onmessage = (message) => {
        const parsed = envelopeSchema.safeParse(safeJson(message.data));
        if (!parsed.success) return;
        const event = parsed.data;
        if (isDurableId(event.id)) {
          if (seen.current.has(event.id)) return;
          seen.current.add(event.id);
          if (seen.current.size > SEEN_LIMIT) seen.current.delete(seen.current.values().next().value!);
          cursor.current = event.id;
        }
        if (event.type === "resync") callbacks.current.onResync?.();
        dispatch(event);
      };
      es.onerror = async () => {
        if (stopped.current) return;
        if (es.readyState === EventSource.CONNECTING) {
          setState("reconnecting"); // the browser retries by itself, sending Last-Event-ID
          return;
        }
        // The browser gave up (a non-200 answer): find out why, then retry with backoff.
        es.close();
        setState("offline");
        if (await sessionEnded()) {
          stopped.current = true;
          callbacks.current.onUnauthorized?.();
          return;
        }
        retryTimer.current = setTimeout(connect, reconnectDelay(failures++));
      };
    };

    const onOnline = () => {
      if (source.current?.readyState === EventSource.CLOSED && !stopped.current) connect();
    };
    window.addEventListener("online", onOnline);
    connect();
    return () => {
      window.removeEventListener("online", onOnline);
      stopped.current = true;
      if (retryTimer.current) clearTimeout(retryTimer.current);
      source.current?.close();
      source.current = null;
    };
  }, [url, dispatch]);

  const subscribe = useCallback((type: EventType | "*", handler: Handler) => {
    const set = handlers.current.get(type) ?? new Set<Handler>();
    set.add(handler);
    handlers.current.set(type, set);
    return () => void set.delete(handler);
  }, []);

  const api = useMemo<RealtimeApi>(() => ({ state, subscribe, disconnect }), [state, subscribe, disconnect]);
  return <RealtimeContext.Provider value={api}>{props.children}</RealtimeContext.Provider>;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

async function sessionEnded(): Promise<boolean> {
  try {
    const res = await fetch("/api/auth/session", { cache: "no-store" });
    const body = (await res.json()) as { user?: unknown } | null;
    return !body?.user;
  } catch {
    return false; // network down: keep retrying
  }
}

export function useRealtime(): RealtimeApi {
  const api = useContext(RealtimeContext);
  if (!api) throw new Error("useRealtime must be used inside <RealtimeProvider>");
  return api;
}

export function useConnectionState(): ConnectionState {
  return useRealtime().state;
}

/** Calls `handler` for every event of `type` ("*" for all) while the component is mounted. */
export function useRealtimeEvent(type: EventType | "*", handler: Handler): void {
  const { subscribe } = useRealtime();
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => subscribe(type, (e) => latest.current(e)), [subscribe, type]);
}
