"use client";
// The browser side of the one stream: a RealtimeProvider per signed-in app that owns a single
// EventSource, drops duplicates by id, resumes from the last id the page rendered (and then the
// last one it saw), reconnects with jittered backoff when the browser gives up, and dispatches
// every event by type (checked against the catalogue) to typed subscribers.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { EventType } from "@/lib/events/catalogue";
import { isDurableId, type Envelope } from "@/lib/events/envelope";
import { reconnectDelay } from "./backoff";
import { Dispatcher, parseEnvelope, type AnyHandler, type TypedEnvelope } from "./dispatcher";
import { SeenIds } from "./seen-ids";
import { listenToTabs, postToTabs } from "./tabs";

export type ConnectionState = "connecting" | "connected" | "reconnecting" | "offline";
export type { TypedEnvelope };

type RealtimeApi = {
  state: ConnectionState;
  dispatcher: Dispatcher;
  /** Closes the stream for good (sign-out) and tells the user's other tabs to do the same. */
  disconnect(): void;
  /** Retries at once instead of waiting for the backoff timer. */
  reconnect(): void;
};

const RealtimeContext = createContext<RealtimeApi | null>(null);
/** After this many failed attempts in a row the indicator says "offline" (retries continue). */
const OFFLINE_AFTER = 3;

export function RealtimeProvider(props: {
  children: ReactNode;
  /** The newest event id the page was rendered with: the stream resumes after it. */
  initialCursor?: string | null;
  /** Called when the server says too much was missed to replay. */
  onResync?: () => void;
  /** Called when the stream is refused for good (the session ended, here or in another tab). */
  onUnauthorized?: () => void;
  url?: string;
}) {
  const { url = "/api/events/stream" } = props;
  const [state, setState] = useState<ConnectionState>("connecting");
  const dispatcher = useMemo(() => new Dispatcher(), []);
  const cursor = useRef<string | null>(props.initialCursor ?? null);
  const control = useRef({ stop: () => {}, retryNow: () => {} });
  const callbacks = useRef({ onResync: props.onResync, onUnauthorized: props.onUnauthorized });
  callbacks.current = { onResync: props.onResync, onUnauthorized: props.onUnauthorized };

  useEffect(() => {
    const seen = new SeenIds();
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    let failures = 0;

    const close = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      source?.close();
      source = null;
    };
    const connect = () => {
      if (stopped) return;
      close();
      const target = cursor.current ? `${url}?lastEventId=${encodeURIComponent(cursor.current)}` : url;
      const es = new EventSource(target);
      source = es;
      es.onopen = () => {
        failures = 0;
        setState("connected");
      };
      es.onmessage = (message: MessageEvent<string>) => {
        setState("connected"); // events flowing is proof enough (React ignores a same-state update)
        const event = parseEnvelope(message.data);
        if (!event) return;
        if (isDurableId(event.id)) {
          if (!seen.accept(event.id)) return;
          cursor.current = event.id;
        }
        if (event.type === "resync") callbacks.current.onResync?.();
        dispatcher.dispatch(event);
      };
      es.onerror = async () => {
        if (stopped || source !== es) return;
        if (es.readyState === EventSource.CONNECTING) {
          setState("reconnecting"); // the browser retries by itself, sending Last-Event-ID
          return;
        }
        // The browser gave up (a non-200 answer): find out why, then retry with backoff.
        close();
        failures++;
        setState(failures >= OFFLINE_AFTER || !navigator.onLine ? "offline" : "reconnecting");
        if (await sessionEnded()) return end();
        if (stopped || source) return; // stopped, or "Retry now" already reconnected meanwhile
        timer = setTimeout(connect, reconnectDelay(failures - 1));
      };
    };
    const end = () => {
      stopped = true;
      close();
      setState("offline");
      callbacks.current.onUnauthorized?.();
    };
    const onOnline = () => {
      failures = 0;
      if (stopped) return;
      if (source?.readyState === EventSource.OPEN) setState("connected");
      else connect();
    };
    const onOffline = () => setState("offline");

    control.current = {
      stop: () => {
        stopped = true;
        close();
        setState("offline");
      },
      retryNow: () => {
        failures = 0;
        stopped = false;
        setState("connecting");
        connect();
      },
    };
    window.addEventListener("online", onOnline);
    window.addEventListener("offline", onOffline);
    const unlisten = listenToTabs((m) => m.kind === "signed_out" && !stopped && end());
    connect();
    return () => {
      stopped = true;
      close();
      unlisten();
      window.removeEventListener("online", onOnline);
      window.removeEventListener("offline", onOffline);
    };
  }, [url, dispatcher]);

  const disconnect = useCallback(() => {
    control.current.stop();
    postToTabs({ kind: "signed_out" });
  }, []);
  const reconnect = useCallback(() => control.current.retryNow(), []);

  const api = useMemo<RealtimeApi>(() => ({ state, dispatcher, disconnect, reconnect }), [state, dispatcher, disconnect, reconnect]);
  return <RealtimeContext.Provider value={api}>{props.children}</RealtimeContext.Provider>;
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

/** Calls `handler` for every event of `type` (typed by the catalogue) while the component is mounted. */
export function useRealtimeEvent<T extends EventType>(type: T, handler: (event: TypedEnvelope<T>) => void): void;
/** Calls `handler` for every event while the component is mounted. */
export function useRealtimeEvent(type: "*", handler: (event: Envelope) => void): void;
export function useRealtimeEvent(type: EventType | "*", handler: AnyHandler): void {
  const { dispatcher } = useRealtime();
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const call: AnyHandler = (e) => latest.current(e);
    return type === "*" ? dispatcher.on("*", call) : dispatcher.on(type, call);
  }, [dispatcher, type]);
}
