import { describe, expect, it } from "vitest";
import type { Envelope } from "@/lib/events/envelope";
import type { Where } from "./dispatcher";
import { TabEvents } from "./tab-events";

const event = (id: string, type: Envelope["type"] = "price_alert"): Envelope => ({
  id,
  type,
  category: "trading",
  priority: "high",
  message: `event ${id}`,
  data: { symbol: "SOL", price: 180 },
  timestamp: "2026-12-01T10:00:00.000Z",
});

function tab(cursor: string | null = null) {
  const heard = { events: [] as [string, Where][], seen: [] as string[][], resyncs: 0 };
  const events = new TabEvents(cursor, "me", {
    event: (e, where) => heard.events.push([e.id, where]),
    seen: (ids) => heard.seen.push(ids),
    resync: () => heard.resyncs++,
  });
  /** Takes a frame as the leader or a follower does: accept, then dispatch. */
  const take = (e: Envelope, cursor: string | null, shownIn: string | null, leading = true) => {
    if (events.accept(e, cursor, leading)) events.dispatch(e, { data: JSON.stringify(e), cursor, shownIn });
  };
  return { events, heard, take };
}

describe("TabEvents: one tab's view of the events it takes", () => {
  it("drops a durable event it already took, never an ephemeral one", () => {
    const { heard, take } = tab();
    take(event("7"), "7.1.2", "me");
    take(event("7"), "7.1.2", "me");
    take(event("etick", "price_tick"), null, "me");
    take(event("etick", "price_tick"), null, "me");
    expect(heard.events.map(([id]) => id)).toEqual(["7", "etick", "etick"]);
  });

  it("moves its cursor with each new frame; a leader's repeat moves it too, a follower's never steps back", () => {
    const leader = tab("1.0");
    leader.take(event("5"), "5.1.4", "me");
    leader.take(event("5"), "5.2.4", "me"); // the same event again, from a later stream position
    expect(leader.events.cursor).toBe("5.2.4");
    const follower = tab("1.0");
    follower.take(event("6"), "6.3.5", "me", false);
    follower.take(event("6"), "6.1.5", "me", false); // relayed again around a catch-up, with an older cursor
    expect(follower.events.cursor).toBe("6.3.5");
    follower.take(event("etick", "price_tick"), null, "me", false);
    expect(follower.events.cursor).toBe("6.3.5");
  });

  it("says where each event is shown, and reports as seen only what is shown here", () => {
    const { heard, take } = tab();
    take(event("1"), "1.0.1", "me");
    take(event("2"), "2.0.2", "other-tab");
    take(event("3"), "3.0.3", null);
    take(event("etick", "price_tick"), null, "me");
    expect(heard.events).toEqual([
      ["1", "here"],
      ["2", "other"],
      ["3", "none"],
      ["etick", "here"],
    ]);
    expect(heard.seen).toEqual([["1"]]);
  });

  it("keeps what no tab showed until a tab shows it, and reports it seen when that tab is this one", () => {
    const { events, heard, take } = tab();
    take(event("1"), "1.0.1", null);
    take(event("2"), "2.0.2", null);
    expect(events.hasUnshown()).toBe(true);
    expect(events.takeUnshown()).toEqual(["1", "2"]);
    expect(events.hasUnshown()).toBe(false);
    take(event("3"), "3.0.3", null);
    take(event("4"), "4.0.4", null);
    events.shown("other-tab", ["3"]);
    expect(events.takeUnshown()).toEqual(["4"]);
    events.shown("me", ["4"]);
    expect(heard.seen).toEqual([["4"]]);
  });

  it("remembers at most 500 unshown events, forgetting the oldest", () => {
    const { events, take } = tab();
    for (let i = 1; i <= 501; i++) take(event(String(i)), `${i}.0.${i}`, null);
    const unshown = events.takeUnshown();
    expect(unshown).toHaveLength(500);
    expect(unshown[0]).toBe("2");
  });

  it("lists the durable events it took after a cursor, for a page fetched meanwhile", () => {
    const { events, take } = tab("1.0");
    take(event("2"), "2.0.2", "me");
    take(event("etick", "price_tick"), null, "me");
    take(event("3"), "3.0.3", "me");
    expect(events.recent.after("2.0")?.map((r) => r.id)).toEqual(["3"]);
    expect(events.recent.after("1.0")?.map((r) => r.id)).toEqual(["2", "3"]);
  });

  it("on resync, starts over from the resync frame's cursor and asks the page to reload", () => {
    const { events, heard, take } = tab("1.0");
    take(event("2"), "2.0.2", "me");
    take({ ...event("9", "resync"), category: "system", data: { reason: "replay_limit", latestId: "9" } }, "9.40", "me");
    expect(heard.resyncs).toBe(1);
    expect(events.cursor).toBe("9.40");
    expect(events.recent.after("1.0")).toBeNull(); // from before the resync: this tab cannot tell
    expect(events.recent.after("9.40")).toEqual([]);
    events.resync("12.50"); // the group's cursor, given by the leader
    expect(events.cursor).toBe("12.50");
    expect(heard.resyncs).toBe(2);
  });
});
