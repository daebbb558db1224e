// One stream per browser, shared by the user's tabs. The tabs elect a leader (Web Locks); only the
// leader holds the EventSource, and it relays every frame — with its `id:`, and the one visible tab
// chosen to show it — to the others (BroadcastChannel). Every tab drops repeats by event id and
// keeps the `id:` of the last frame it took as its cursor (opaque here: lib/events/cursor.ts), so
// when the leader closes or crashes, the next tab in line takes over and resumes from that
// cursor: the server replays what may have been missed, the tab drops what it already has, and
// nothing is lost or shown twice. A tab that joins asks the leader for what it missed since its
// page was rendered. Without Web Locks or BroadcastChannel, each tab keeps its own stream.
import { isDurableId, type Envelope } from "@/lib/events/envelope";
import { parseEnvelope } from "./dispatcher";
import { electLeader } from "./leader";
import type { RecentEvents } from "./recent-events";
import type { SharedStreamDeps, SharedStreamHandlers } from "./shared-stream-types";
import type { ConnectionControl, ConnectionState } from "./connection";
import { TabEvents } from "./tab-events";
import type { RelayedFrame, TabChannel, TabMessage, TabMessageBody } from "./tabs";
import { VisibleTabs } from "./visible-tabs";

export class SharedStream {
  /** This tab's events: its cursor, the recent ones, those no tab showed yet. */
  private readonly events: TabEvents;
  private readonly tabs = new VisibleTabs();
  private channel: TabChannel | null = null;
  private connection: ConnectionControl | null = null;
  private resign: (() => void) | null = null;
  private running = false;
  private shared = false;
  private leading = false;
  private leaderId: string | null = null;
  /** A follower dispatches relayed frames only once the leader has told it what it missed. */
  private caughtUp = false;
  private queued: RelayedFrame[] = [];
  private state: ConnectionState = "connecting";

  constructor(
    private readonly userId: string,
    initialCursor: string | null,
    private readonly on: SharedStreamHandlers,
    private readonly deps: SharedStreamDeps,
  ) {
    this.events = new TabEvents(initialCursor, deps.tabId, on);
  }

  /** The durable events this tab dispatched lately: pages fetched by client navigation catch up from it. */
  get recent(): RecentEvents<Envelope> {
    return this.events.recent;
  }

  /** The cursor of the last durable frame this tab took (a stream resumes from it). */
  get lastCursor(): string | null {
    return this.events.cursor;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.caughtUp = false;
    this.queued = [];
    this.channel = this.deps.openChannel(`herald-tabs:${this.userId}`);
    this.channel?.listen((m) => this.receive(m));
    this.shared = !!(this.deps.locks && this.channel);
    const status = this.deps.status();
    this.tabs.set(this.deps.tabId, status);
    if (!this.shared) return this.lead();
    this.post({ kind: "hello", cursor: this.events.cursor, status });
    this.resign = electLeader(this.deps.locks!, `herald-stream:${this.userId}`, () => this.lead());
  }

  /** The tab goes away (closed, or put in the back-forward cache): the next one in line leads. */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.post({ kind: "bye" });
    this.resign?.();
    this.resign = null;
    this.connection?.stop();
    this.connection = null;
    this.leading = false;
    this.channel?.close();
    this.channel = null;
  }

  /** The session ends here (sign-out): every tab of the user drops the stream. */
  endSession(): void {
    this.post({ kind: "session_ended" });
    this.stop();
    this.on.state("offline");
  }

  /** "Retry now", from any tab. */
  retryNow(): void {
    if (this.leading) this.connection?.retryNow();
    else this.post({ kind: "retry" });
  }

  /** The browser's online/offline events; the leader's stream follows them, and followers hear its state. */
  networkChanged(online: boolean): void {
    if (this.leading) this.connection?.networkChanged(online);
  }

  /** This tab became visible or hidden, focused or not. */
  statusChanged(): void {
    const status = this.deps.status();
    this.tabs.set(this.deps.tabId, status);
    this.post({ kind: "status", status });
    this.showUnshown();
  }

  private post(message: TabMessageBody): void {
    if (this.shared || message.kind === "session_ended") this.channel?.post({ ...message, from: this.deps.tabId });
  }

  private lead(): void {
    this.leading = true;
    // The previous leader is gone (closed or crashed): it can no longer show anything.
    if (this.leaderId && this.leaderId !== this.deps.tabId) this.tabs.remove(this.leaderId);
    this.leaderId = this.deps.tabId;
    // Frames relayed before this tab caught up are replayed by the server, after this tab's cursor.
    this.queued = [];
    this.caughtUp = true;
    this.on.role(true);
    this.post({ kind: "leader" });
    this.connection = this.deps.connect({
      cursor: () => this.events.cursor,
      frame: (data, cursor) => this.relay(data, cursor),
      state: (state) => this.setState(state),
      sessionEnded: () => {
        this.post({ kind: "session_ended" });
        this.end();
      },
    });
    this.connection.start();
    this.showUnshown();
  }

  /** Leader: a frame from the server goes to every tab, with its cursor and the tab that shows it. */
  private relay(data: string, id: string): void {
    const event = parseEnvelope(data);
    // The browser keeps the last `id:` it saw: only a durable event's frame carries its own.
    const cursor = event && isDurableId(event.id) && id !== "" ? id : null;
    if (!event || !this.events.accept(event, cursor, this.leading)) return;
    const shownIn = this.tabs.choose();
    this.post({ kind: "frame", data, cursor, shownIn });
    this.events.dispatch(event, { data, cursor, shownIn });
  }

  /** Follower: a frame relayed by the leader. */
  private follow(frame: RelayedFrame): void {
    const event = parseEnvelope(frame.data);
    if (!event || !this.events.accept(event, frame.cursor, this.leading)) return;
    this.events.dispatch(event, frame);
  }

  /** Leader: events no tab showed go to the tab that is visible now, if any. */
  private showUnshown(): void {
    if (!this.leading || !this.events.hasUnshown()) return;
    const to = this.tabs.choose();
    if (!to) return;
    const ids = this.events.takeUnshown();
    this.post({ kind: "shown", to, ids });
    this.events.shown(to, ids);
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    this.on.state(state);
    if (this.leading) this.post({ kind: "state", state });
  }

  /** A follower shows the state of the leader's stream. */
  private followState(state: ConnectionState): void {
    this.state = state;
    this.on.state(state);
  }

  private end(): void {
    this.stop();
    this.on.state("offline");
    this.on.sessionEnded();
  }

  private receive(m: TabMessage): void {
    if (m.from === this.deps.tabId || !this.running) return;
    if (!this.shared && m.kind !== "session_ended") return;
    switch (m.kind) {
      case "hello":
        this.tabs.set(m.from, m.status);
        this.post({ kind: "status", status: this.deps.status() });
        if (!this.leading) return;
        this.post({ kind: "state", state: this.state });
        this.catchUp(m.from, m.cursor);
        return this.showUnshown();
      case "status":
        this.tabs.set(m.from, m.status);
        return this.showUnshown();
      case "bye":
        this.tabs.remove(m.from);
        // The leader left: until the next one has a stream, this tab is not live.
        if (m.from === this.leaderId && !this.leading) this.followState("connecting");
        return;
      case "leader":
        if (this.leaderId && this.leaderId !== m.from) this.tabs.remove(this.leaderId);
        this.leaderId = m.from;
        // A hello sent while no tab led went unanswered: ask the new leader.
        if (!this.caughtUp) this.post({ kind: "hello", cursor: this.events.cursor, status: this.deps.status() });
        return;
      case "state":
        if (this.leading) return;
        this.leaderId = m.from;
        return this.followState(m.state);
      case "frame":
        if (this.leading) return;
        this.leaderId = m.from;
        if (this.caughtUp) this.follow(m);
        else this.queued.push(m);
        return;
      case "catchup":
        if (m.to !== this.deps.tabId || this.caughtUp || this.leading) return;
        return this.caughtUpWith(m.frames, m.complete, m.last);
      case "shown":
        return this.events.shown(m.to, m.ids);
      case "retry":
        if (this.leading) this.connection?.retryNow();
        return;
      case "session_ended":
        return this.end();
    }
  }

  /** Leader: what a joining tab missed after its cursor, from this tab's recent events. */
  private catchUp(to: string, cursor: string | null): void {
    const missed = this.events.recent.after(cursor);
    const frames = (missed ?? []).map(({ data, cursor, shownIn }) => ({ data, cursor, shownIn }));
    this.post({ kind: "catchup", to, frames, complete: missed !== null, last: this.events.cursor });
  }

  /** Follower: the leader's answer to its hello. */
  private caughtUpWith(frames: RelayedFrame[], complete: boolean, last: string | null): void {
    this.caughtUp = true;
    if (complete) for (const f of frames) this.follow(f);
    else {
      // The leader's list does not reach back to this page's cursor: reload the page's state, and
      // take the group's cursor (what came before it was handled by the tabs open then).
      this.events.resync(last);
    }
    for (const f of this.queued.splice(0)) this.follow(f);
  }
}
