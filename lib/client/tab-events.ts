// One tab's view of the events it takes (from its own stream as leader, or relayed by the leader):
// repeats dropped by id, its cursor, the recent events a page fetched by client navigation catches
// up from, and the events no tab has shown yet (every tab hidden), for the tab that next shows.
import { isDurableId, type Envelope } from "@/lib/events/envelope";
import type { Where } from "./dispatcher";
import { RecentEvents } from "./recent-events";
import { ReceivedIds } from "./received-ids";
import type { SharedStreamHandlers } from "./shared-stream-types";
import type { RelayedFrame } from "./tabs";

/** Events no tab has shown yet (all hidden), kept until one becomes visible. */
const MAX_UNSHOWN = 500;

export class TabEvents {
  readonly recent: RecentEvents<Envelope>;
  private readonly received = new ReceivedIds();
  private unshown: string[] = [];

  constructor(
    /** The cursor of the last durable frame this tab took (a stream resumes from it). */
    public cursor: string | null,
    private readonly tabId: string,
    private readonly on: Pick<SharedStreamHandlers, "event" | "seen" | "resync">,
  ) {
    this.recent = new RecentEvents(cursor);
  }

  /**
   * False for a durable event already received. The cursor moves to the frame's: every frame's cursor
   * is safe to resume from once the frames before it were taken, so the leader takes it even for a
   * repeat (its stream stands there now); a follower, whose relayed frames may come twice around
   * a catch-up, only for a new event, so its cursor never steps back.
   */
  accept(event: Envelope, cursor: string | null, leading: boolean): boolean {
    if (!isDurableId(event.id)) return true;
    const fresh = this.received.accept(event.id);
    if (cursor !== null && (fresh || leading)) this.cursor = cursor;
    return fresh;
  }

  dispatch(event: Envelope, { data, cursor, shownIn }: RelayedFrame): void {
    const durable = isDurableId(event.id);
    if (durable) this.recent.add({ id: event.id, cursor, event, data, shownIn });
    // Its frame's cursor is now this tab's: the reloaded state has everything before it.
    if (event.type === "resync") this.resync(null);
    const where: Where = shownIn === this.tabId ? "here" : shownIn === null ? "none" : "other";
    this.on.event(event, where);
    if (!durable) return;
    if (where === "here") this.on.seen([event.id]);
    else if (where === "none" && this.unshown.push(event.id) > MAX_UNSHOWN) this.unshown.shift();
  }

  /** The page's state reloads from `cursor` (the group's, when given), or from this tab's. */
  resync(cursor: string | null): void {
    if (cursor !== null) this.cursor = cursor;
    this.recent.reset(this.cursor);
    this.on.resync();
  }

  hasUnshown(): boolean {
    return this.unshown.length > 0;
  }

  /** The events no tab has shown, handed to the leader to give to a visible tab. */
  takeUnshown(): string[] {
    return this.unshown.splice(0);
  }

  /** Tab `to` shows these now: they are shown no more elsewhere, and seen if `to` is this tab. */
  shown(to: string, ids: string[]): void {
    this.unshown = this.unshown.filter((id) => !ids.includes(id));
    if (to === this.tabId) this.on.seen(ids);
  }
}
