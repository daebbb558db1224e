// What a SharedStream (lib/client/shared-stream.ts) is told to do and given to work with.
import type { Envelope } from "@/lib/events/envelope";
import type { Where } from "./dispatcher";
import type { LockManagerLike } from "./leader";
import type { ConnectionControl, ConnectionHandlers, ConnectionState } from "./connection";
import type { TabChannel, TabStatus } from "./tabs";

export type SharedStreamHandlers = {
  event(event: Envelope, where: Where): void;
  /** The user has seen these durable events in this tab (reported once per event, by one tab). */
  seen(ids: string[]): void;
  state(state: ConnectionState): void;
  role(leader: boolean): void;
  /** Too much was missed to replay: reload the page's state. */
  resync(): void;
  /** The session ended (signed out here or in another tab, or the stream was refused for good). */
  sessionEnded(): void;
};

export type SharedStreamDeps = {
  tabId: string;
  /** This tab's visibility now. */
  status(): TabStatus;
  /** Web Locks, or null where missing (then each tab keeps its own stream). */
  locks: LockManagerLike | null;
  openChannel(name: string): TabChannel | null;
  /** Opens the leader's connection (a Connection in the browser). */
  connect(handlers: ConnectionHandlers): ConnectionControl;
};
