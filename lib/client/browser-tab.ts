// This tab's side of the shared stream, wired to the browser: Web Locks, BroadcastChannel and
// EventSource, the tab's visibility and focus, the network, and leaving or coming back from the
// back-forward cache (a tab that leaves lets the next one lead).
import { SharedStream } from "./shared-stream";
import type { SharedStreamHandlers } from "./shared-stream-types";
import { browserConnectionDeps, Connection } from "./connection";
import { openTabChannel, type TabStatus } from "./tabs";

export function openTabStream(opts: { url: string; userId: string; cursor: string | null; on: SharedStreamHandlers }) {
  let at = Date.now();
  const status = (): TabStatus => ({ visible: document.visibilityState === "visible", focused: document.hasFocus(), at });
  const stream = new SharedStream(opts.userId, opts.cursor, opts.on, {
    tabId: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`,
    status,
    // Web Locks exist only in secure contexts (HTTPS, localhost): elsewhere each tab keeps its own stream.
    locks: typeof navigator.locks?.request === "function" ? navigator.locks : null,
    openChannel: (name) => openTabChannel(name),
    connect: (handlers) => new Connection(opts.url, handlers, browserConnectionDeps),
  });
  const changed = () => {
    at = Date.now();
    stream.statusChanged();
  };
  const listeners: [EventTarget, string, (e: Event) => void][] = [
    [document, "visibilitychange", changed],
    [window, "focus", changed],
    [window, "blur", changed],
    [window, "online", () => stream.networkChanged(true)],
    [window, "offline", () => stream.networkChanged(false)],
    [window, "pagehide", () => stream.stop()],
    [window, "pageshow", (e) => void ((e as PageTransitionEvent).persisted && stream.start())],
  ];
  for (const [target, type, listener] of listeners) target.addEventListener(type, listener);
  stream.start();
  return {
    stream,
    close() {
      for (const [target, type, listener] of listeners) target.removeEventListener(type, listener);
      stream.stop();
    },
  };
}
