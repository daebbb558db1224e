// This tab's side of the shared stream, wired to the browser: Web Locks, BroadcastChannel and
// EventSource, the tab's visibility and focus, the network, and leaving or coming back from the
// back-forward cache (a tab that leaves lets the next one lead).
import { SharedStream, type SharedStreamHandlers } from "./shared-stream";
import { browserStreamDeps, StreamConnection } from "./stream-connection";
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
    connect: (handlers) => new StreamConnection(opts.url, handlers, browserStreamDeps),
  });
  const changed = () => {
    at = Date.now();
    stream.statusChanged();
  };
  const online = () => stream.networkChanged(true);
  const offline = () => stream.networkChanged(false);
  const leave = () => stream.stop();
  const back = (e: PageTransitionEvent) => void (e.persisted && stream.start());
  document.addEventListener("visibilitychange", changed);
  window.addEventListener("focus", changed);
  window.addEventListener("blur", changed);
  window.addEventListener("online", online);
  window.addEventListener("offline", offline);
  window.addEventListener("pagehide", leave);
  window.addEventListener("pageshow", back);
  stream.start();
  return {
    stream,
    close() {
      document.removeEventListener("visibilitychange", changed);
      window.removeEventListener("focus", changed);
      window.removeEventListener("blur", changed);
      window.removeEventListener("online", online);
      window.removeEventListener("offline", offline);
      window.removeEventListener("pagehide", leave);
      window.removeEventListener("pageshow", back);
      stream.stop();
    },
  };
}
