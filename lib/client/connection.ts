// The one EventSource a browser keeps (in its leading tab): resumes from the cursor the tab keeps,
// lets the browser retry by itself while it can (it sends Last-Event-ID), and when the browser
// gives up (any non-200) asks whether the session ended, then retries with jittered backoff.
import { backoffDelay } from "@/lib/backoff";

export type ConnectionState = "connecting" | "connected" | "reconnecting" | "offline";

/** Reconnect backoff after the browser gives up: 0–1 s, then doubling, never past 30 s. */
const RETRY_BASE_MS = 1000;
const RETRY_CAP_MS = 30_000;
/** After this many failed attempts in a row the indicator says "offline" (retries continue). */
const OFFLINE_AFTER = 3;

export type ConnectionHandlers = {
  /** The cursor to resume from (the `id:` of the last durable frame this tab took), or null. */
  cursor(): string | null;
  /** A frame's data, and its `id:` as the browser keeps it (the last one received: MessageEvent.lastEventId). */
  frame(data: string, cursor: string): void;
  state(state: ConnectionState): void;
  /** The stream is refused for good: the session ended. */
  sessionEnded(): void;
};

export type EventSourceLike = Pick<EventSource, "readyState" | "close"> & {
  onopen: ((e: Event) => void) | null;
  onmessage: ((e: MessageEvent<string>) => void) | null;
  onerror: ((e: Event) => void) | null;
};

export type ConnectionDeps = {
  open(url: string): EventSourceLike;
  checkSessionEnded(): Promise<boolean>;
  isOnline(): boolean;
};

const CONNECTING = 0;
const OPEN = 1;

/** What the shared stream drives of its leader's connection (a test stands in for it). */
export type ConnectionControl = Pick<Connection, "start" | "stop" | "retryNow" | "networkChanged">;

export class Connection {
  private source: EventSourceLike | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;
  private failures = 0;

  constructor(
    private readonly url: string,
    private readonly on: ConnectionHandlers,
    private readonly deps: ConnectionDeps,
  ) {}

  start(): void {
    this.stopped = false;
    this.failures = 0;
    this.on.state("connecting");
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.close();
  }

  /** "Retry now": skip the backoff timer. */
  retryNow(): void {
    this.failures = 0;
    this.stopped = false;
    this.on.state("connecting");
    this.connect();
  }

  /** The browser's online/offline events. */
  networkChanged(online: boolean): void {
    if (!online) return this.on.state("offline");
    this.failures = 0;
    if (this.stopped) return;
    if (this.source?.readyState === OPEN) this.on.state("connected");
    else this.connect();
  }

  private close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.source?.close();
    this.source = null;
  }

  private connect(): void {
    if (this.stopped) return;
    this.close();
    const cursor = this.on.cursor();
    const es = this.deps.open(cursor ? `${this.url}?lastEventId=${encodeURIComponent(cursor)}` : this.url);
    this.source = es;
    es.onopen = () => {
      this.failures = 0;
      this.on.state("connected");
    };
    es.onmessage = (message) => {
      this.on.state("connected"); // events flowing is proof enough
      this.on.frame(message.data, message.lastEventId);
    };
    es.onerror = async () => {
      if (this.stopped || this.source !== es) return;
      if (es.readyState === CONNECTING) return this.on.state("reconnecting"); // the browser retries, sending Last-Event-ID
      // The browser gave up (a non-200 answer): find out why, then retry with backoff.
      this.close();
      this.failures++;
      this.on.state(this.failures >= OFFLINE_AFTER || !this.deps.isOnline() ? "offline" : "reconnecting");
      if (await this.deps.checkSessionEnded()) {
        this.stop();
        return this.on.sessionEnded();
      }
      if (this.stopped || this.source) return; // stopped, or "Retry now" already reconnected meanwhile
      this.timer = setTimeout(() => this.connect(), backoffDelay(this.failures - 1, RETRY_BASE_MS, RETRY_CAP_MS));
    };
  }
}

/** The browser's own parts: EventSource, the session endpoint, navigator.onLine. */
export const browserConnectionDeps: ConnectionDeps = {
  open: (url) => new EventSource(url),
  async checkSessionEnded() {
    try {
      const res = await fetch("/api/auth/session", { cache: "no-store" });
      const body = (await res.json()) as { user?: unknown } | null;
      return !body?.user;
    } catch {
      return false; // network down: keep retrying
    }
  },
  isOnline: () => navigator.onLine,
};
