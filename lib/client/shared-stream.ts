// One stream per browser, shared by the user's tabs. The tabs elect a leader (Web Locks); only the
// leader holds the EventSource, and it relays every frame — with its id, and the one visible tab
// chosen to show it — to the others (BroadcastChannel). Every tab drops repeats by id and keeps
// the newest id it saw, so when the leader closes or crashes, the next tab in line takes over and
// resumes after that id: the server replays what was stored meanwhile, nothing is lost or shown
// twice. A tab that joins asks the leader for what it missed since its page was rendered. Without
// Web Locks or BroadcastChannel, each tab keeps its own stream.
import { isDurableId, type Envelope } from "@/lib/events/envelope";
import { parseEnvelope, type Where } from "./dispatcher";
import { electLeader, type LockManagerLike } from "./leader";
import { RecentEvents } from "./recent-events";
import { SeenIds } from "./seen-ids";
import type { ConnectionState, StreamHandlers } from "./stream-connection";
import type { RelayedFrame, TabChannel, TabMessage, TabMessageBody, TabStatus } from "./tabs";
import { VisibleTabs } from "./visible-tabs";

export type SharedStreamHandlers = {
  event(event: Envelope, where: Where): void;
  /** The user has seen these durable events in this tab (reported once per event, by one tab). */
  seen(ids: string[]): void;
  state(state: ConnectionState): void;
  role(leader: boolean): void;
  /** Too much was missed to replay: reload the page's state. */
  resync(): void;
  /** The session ended (signed out here or in another tab, or the stream was refused for good). */
  ended(): void;
};

export type Connection = { start(): void; stop(): void; retryNow(): void; networkChanged(online: boolean): void };

export type SharedStreamDeps = {
  tabId: string;
  /** This tab's visibility now. */
  status(): TabStatus;
  /** Web Locks, or null where missing (then each tab keeps its own stream). */
  locks: LockManagerLike | null;
  openChannel(name: string): TabChannel | null;
  /** Opens the leader's stream (a StreamConnection in the browser). */
  connect(handlers: StreamHandlers): Connection;
};

/** Events no tab has shown yet (all hidden), kept until one becomes visible. */
const MAX_UNSHOWN = 500;

export class SharedStream {
  /** The durable events this tab dispatched lately: pages fetched by client navigation catch up from it. */
  readonly recent: RecentEvents<Envelope>;
  private readonly seenIds = new SeenIds();
  private readonly tabs = new VisibleTabs();
  private cursor: string | null;
  private channel: TabChannel | null = null;
  private connection: Connection | null = null;
  private resign: (() => void) | null = null;
  private running = false;
  private shared = false;
  private leading = false;
  private leaderId: string | null = null;
  /** A follower dispatches relayed frames only once the leader has told it what it missed. */
  private caughtUp = false;
  private queued: RelayedFrame[] = [];
  private unshown: string[] = [];
  private state: ConnectionState = "connecting";

  constructor(
    private readonly userId: string,
    initialCursor: string | null,
    private readonly on: SharedStreamHandlers,
    private readonly deps: SharedStreamDeps,
  ) {
    this.cursor = initialCursor;
    this.recent = new RecentEvents(initialCursor);
  }

  /** The newest durable id this tab has seen (a stream resumes after it). */
  get lastId(): string | null {
    return this.cursor;
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
    this.post({ kind: "hello", cursor: this.cursor, status });
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

  /** Sign-out here: every tab of the user drops the stream. */
  signOut(): void {
    this.post({ kind: "signed_out" });
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
    if (this.shared || message.kind === "signed_out") this.channel?.post({ ...message, from: this.deps.tabId });
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
      cursor: () => this.cursor,
      frame: (data) => this.relay(data),
      state: (state) => this.setState(state),
      ended: () => {
        this.post({ kind: "signed_out" });
        this.end();
      },
    });
    this.connection.start();
    this.showUnshown();
  }

  /** Leader: a frame from the server goes to every tab, with the tab that shows it. */
  private relay(data: string): void {
    const event = parseEnvelope(data);
    if (!event || !this.accept(event)) return;
    const shownIn = this.tabs.choose();
    this.post({ kind: "frame", data, shownIn });
    this.dispatch(event, data, shownIn);
  }

  /** Follower: a frame relayed by the leader. */
  private follow(frame: RelayedFrame): void {
    const event = parseEnvelope(frame.data);
    if (!event || !this.accept(event)) return;
    this.dispatch(event, frame.data, frame.shownIn);
  }

  /** False for a durable event already seen; otherwise moves the cursor past it. */
  private accept(event: Envelope): boolean {
    if (!isDurableId(event.id)) return true;
    if (!this.seenIds.accept(event.id)) return false;
    this.advance(event.id);
    return true;
  }

  private advance(id: string | null): void {
    if (id !== null && (this.cursor === null || BigInt(id) > BigInt(this.cursor))) this.cursor = id;
  }

  private dispatch(event: Envelope, data: string, shownIn: string | null): void {
    const durable = isDurableId(event.id);
    if (durable) this.recent.add({ id: event.id, event, data, shownIn });
    if (event.type === "resync") {
      this.recent.reset(durable ? event.id : this.cursor);
      this.on.resync();
    }
    const where: Where = shownIn === this.deps.tabId ? "here" : shownIn === null ? "none" : "other";
    this.on.event(event, where);
    if (!durable) return;
    if (where === "here") this.on.seen([event.id]);
    else if (where === "none" && this.unshown.push(event.id) > MAX_UNSHOWN) this.unshown.shift();
  }

  /** Leader: events no tab showed go to the tab that is visible now, if any. */
  private showUnshown(): void {
    if (!this.leading || this.unshown.length === 0) return;
    const to = this.tabs.choose();
    if (!to) return;
    const ids = this.unshown.splice(0);
    this.post({ kind: "shown", to, ids });
    if (to === this.deps.tabId) this.on.seen(ids);
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
    this.on.ended();
  }

  private receive(m: TabMessage): void {
    if (m.from === this.deps.tabId || !this.running) return;
    if (!this.shared && m.kind !== "signed_out") return;
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
        if (!this.caughtUp) this.post({ kind: "hello", cursor: this.cursor, status: this.deps.status() });
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
        this.unshown = this.unshown.filter((id) => !m.ids.includes(id));
        if (m.to === this.deps.tabId) this.on.seen(m.ids);
        return;
      case "retry":
        if (this.leading) this.connection?.retryNow();
        return;
      case "signed_out":
        return this.end();
    }
  }

  /** Leader: what a joining tab missed after its cursor, from this tab's recent events. */
  private catchUp(to: string, cursor: string | null): void {
    const missed = this.recent.after(cursor);
    const frames = (missed ?? []).map(({ data, shownIn }) => ({ data, shownIn }));
    this.post({ kind: "catchup", to, frames, complete: missed !== null, last: this.cursor });
  }

  /** Follower: the leader's answer to its hello. */
  private caughtUpWith(frames: RelayedFrame[], complete: boolean, last: string | null): void {
    this.caughtUp = true;
    if (complete) for (const f of frames) this.follow(f);
    else {
      // The leader's list does not reach back to this page's cursor: reload the page's state, and
      // take the group's cursor (what came before it was handled by the tabs open then).
      this.advance(last);
      this.recent.reset(this.cursor);
      this.on.resync();
    }
    for (const f of this.queued.splice(0)) this.follow(f);
  }
}
