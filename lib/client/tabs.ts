// Messages between one user's tabs of this browser (same origin, BroadcastChannel). The leading
// tab relays every frame of its stream, with its cursor and the tab chosen to show it; tabs say when they come,
// go, change visibility, and sign out.
import type { ConnectionState } from "./connection";

/** What the leader needs to pick the tab that shows an event. */
export type TabStatus = { visible: boolean; focused: boolean; at: number };
/**
 * A relayed frame: its text as the server sent it, its `id:` (the cursor the leader's stream stood
 * at; a tab that takes over resumes from the last one it took), and the tab that shows it to the
 * user (null: none visible).
 */
export type RelayedFrame = { data: string; cursor: string | null; shownIn: string | null };

export type TabMessageBody =
  | { kind: "hello"; cursor: string | null; status: TabStatus }
  | { kind: "status"; status: TabStatus }
  | { kind: "bye" }
  | { kind: "leader" }
  | { kind: "state"; state: ConnectionState }
  | ({ kind: "frame" } & RelayedFrame)
  /** The leader's answer to a hello: what the tab missed after its cursor, or `complete: false`. */
  | { kind: "catchup"; to: string; frames: RelayedFrame[]; complete: boolean; last: string | null }
  /** Events no tab showed when they came (all hidden), now seen in tab `to`. */
  | { kind: "shown"; to: string; ids: string[] }
  | { kind: "retry" }
  | { kind: "session_ended" };

/** A message as it travels: with the id of the tab that sent it. */
export type TabMessage = TabMessageBody & { from: string };

export type TabChannel = {
  post(message: TabMessage): void;
  listen(handler: (message: TabMessage) => void): void;
  close(): void;
};

type ChannelConstructor = new (name: string) => {
  postMessage(message: unknown): void;
  onmessage: ((e: MessageEvent) => void) | null;
  close(): void;
};

/** A channel named for the user, or null where BroadcastChannel is missing. */
export function openTabChannel(name: string, Channel: ChannelConstructor | undefined = globalThis.BroadcastChannel): TabChannel | null {
  if (!Channel) return null;
  const channel = new Channel(name);
  return {
    post: (message) => channel.postMessage(message),
    listen: (handler) => void (channel.onmessage = (e: MessageEvent<TabMessage>) => handler(e.data)),
    close: () => channel.close(),
  };
}
