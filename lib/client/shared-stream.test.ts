// The tabs of one browser, played by several SharedStreams in one process: Node's own Web Locks
// (navigator.locks) and BroadcastChannel connect them as a browser's do; only the server's stream
// is a stand-in, which the test feeds frames as the server would.
import { afterEach, describe, expect, it, vi } from "vitest";
import { isDurableId, type Envelope } from "@/lib/events/envelope";
import type { Where } from "./dispatcher";
import type { LockManagerLike } from "./leader";
import { SharedStream } from "./shared-stream";
import type { ConnectionControl, ConnectionHandlers, ConnectionState } from "./connection";
import { openTabChannel, type TabChannel, type TabStatus } from "./tabs";

if (typeof navigator === "undefined" || !navigator.locks || typeof BroadcastChannel === "undefined") {
  throw new Error("these tests need Node 24+ (navigator.locks and BroadcastChannel)");
}

class ServerStream implements ConnectionControl {
  started = 0;
  stopped = false;
  /** The cursor the stream was opened with: the server replays what came after it. */
  openedAfter: string | null | undefined = undefined;
  constructor(readonly on: ConnectionHandlers) {}
  start() {
    this.started++;
    this.openedAfter = this.on.cursor();
    this.on.state("connected");
  }
  stop() {
    this.stopped = true;
  }
  retries = 0;
  retryNow() {
    this.retries++;
  }
  networkChanged() {}
  /** The `id:` the browser would report: a durable event's frame cursor (its id unless given), kept across ephemeral frames. */
  private lastEventId = "";
  send(...events: (Envelope | [Envelope, string])[]) {
    for (const item of events) {
      const [e, cursor] = Array.isArray(item) ? item : [item, item.id];
      if (isDurableId(e.id)) this.lastEventId = cursor;
      this.on.frame(JSON.stringify(e), this.lastEventId);
    }
  }
}

const alert = (id: string): Envelope => ({
  id,
  type: "price_alert",
  category: "trading",
  priority: "high",
  message: `SOL alert ${id}`,
  data: { symbol: "SOL", price: 180 },
  timestamp: "2026-12-01T10:00:00.000Z",
});
const tick = (): Envelope => ({ ...alert("etick"), type: "price_tick", priority: "low", data: { symbol: "SOL", price: 181 } });

type Tab = ReturnType<typeof openTab>;
const open: { close(): void }[] = [];
let userCount = 0;
afterEach(() => {
  for (const tab of open.splice(0)) tab.close();
});

/** A tab whose lock and channel the test can cut, as a crash does (no goodbye, the lock released). */
function openTab(
  name: string,
  userId: string,
  opts: { cursor?: string | null; visible?: boolean; at?: number; locks?: boolean } = {},
) {
  let alive = true;
  let crash = () => {};
  const locks: LockManagerLike = {
    request: (lock, options, callback) =>
      navigator.locks.request(lock, options, () => Promise.race([callback(), new Promise<void>((resolve) => (crash = resolve))])),
  };
  const channels: TabChannel[] = [];
  const tab = {
    name,
    status: { visible: opts.visible ?? true, focused: false, at: opts.at ?? 0 } as TabStatus,
    events: [] as { id: string; type: string; where: Where }[],
    seen: [] as string[],
    states: [] as ConnectionState[],
    leader: false,
    resyncs: 0,
    ended: false,
    servers: [] as ServerStream[],
    get server(): ServerStream | undefined {
      return this.servers.at(-1);
    },
    stream: null as unknown as SharedStream,
    close: () => tab.stream.stop(),
    crash() {
      alive = false;
      for (const c of channels) c.close();
      crash();
    },
    setStatus(status: Partial<TabStatus>) {
      Object.assign(tab.status, status);
      tab.stream.statusChanged();
    },
    ids: (where?: Where) => tab.events.filter((e) => !where || e.where === where).map((e) => e.id),
  };
  tab.stream = new SharedStream(
    userId,
    opts.cursor ?? null,
    {
      event: (e, where) => tab.events.push({ id: e.id, type: e.type, where }),
      seen: (ids) => tab.seen.push(...ids),
      state: (s) => tab.states.push(s),
      role: (leader) => (tab.leader = leader),
      resync: () => tab.resyncs++,
      sessionEnded: () => (tab.ended = true),
    },
    {
      tabId: name,
      status: () => ({ ...tab.status }),
      locks: opts.locks === false ? null : locks,
      openChannel: (channelName) => {
        const channel = openTabChannel(channelName)!;
        channels.push(channel);
        return {
          post: (m) => alive && channel.post(m),
          listen: (handler) => channel.listen((m) => alive && handler(m)),
          close: () => channel.close(),
        };
      },
      connect: (handlers) => {
        const server = new ServerStream(handlers);
        tab.servers.push(server);
        return server;
      },
    },
  );
  tab.stream.start();
  open.push(tab);
  return tab;
}

/** Tabs of a fresh user (each test its own lock and channel), the first one leading. */
async function openTabs(count: number, opts: Parameters<typeof openTab>[2] = {}): Promise<Tab[]> {
  const user = `user-${++userCount}`;
  const first = openTab("tab-0", user, opts);
  await vi.waitFor(() => expect(first.leader).toBe(true));
  const rest = Array.from({ length: count - 1 }, (_, i) => openTab(`tab-${i + 1}`, user, opts));
  // Followers are in when the leader's state reached them.
  await vi.waitFor(() => rest.forEach((t) => expect(t.states.at(-1)).toBe("connected")));
  return [first, ...rest];
}

/** The tab the leader would show an event in now (once it has heard the others' status). */
const shownBy = (leader: Tab) => leader.stream["tabs"].choose();

describe("SharedStream: one stream for a browser's tabs", () => {
  it("lets one tab lead and hold the only stream; the others show its state", async () => {
    const tabs = await openTabs(3);
    expect(tabs.map((t) => t.leader)).toEqual([true, false, false]);
    expect(tabs.map((t) => t.servers.length)).toEqual([1, 0, 0]);
    tabs[0]!.server!.on.state("reconnecting");
    await vi.waitFor(() => tabs.forEach((t) => expect(t.states.at(-1)).toBe("reconnecting")));
    tabs[2]!.stream.retryNow(); // "Retry now" in a follower retries the leader's stream
    await vi.waitFor(() => expect(tabs[0]!.server!.retries).toBe(1));
  });

  it("relays each frame with its id: every tab dispatches it once, one visible tab shows it and reports it seen", async () => {
    const tabs = await openTabs(3, { cursor: "10" });
    tabs[1]!.setStatus({ focused: true, at: 1 });
    await vi.waitFor(() => expect(shownBy(tabs[0]!)).toBe("tab-1"));
    tabs[0]!.server!.send(alert("11"), tick(), alert("11"), alert("12"));
    await vi.waitFor(() => tabs.forEach((t) => expect(t.ids()).toEqual(["11", "etick", "12"])));
    expect(tabs.map((t) => t.ids("here"))).toEqual([[], ["11", "etick", "12"], []]);
    expect(tabs.map((t) => t.seen)).toEqual([[], ["11", "12"], []]);
    expect(tabs.map((t) => t.stream.lastCursor)).toEqual(["12", "12", "12"]);
  });

  it("keeps the last frame's id as every tab's cursor, not the greatest event id, and resumes from it", async () => {
    const tabs = await openTabs(2, { cursor: "10.90" });
    const [first, second] = tabs as [Tab, Tab];
    // 12 was committed first; 11 (its id taken earlier) after: the stream has 12, then 11.
    first.server!.send([alert("12"), "12.95.101"], tick(), [alert("11"), "11.95.100"], [alert("12"), "13.96.101"]);
    await vi.waitFor(() => expect(second.ids()).toEqual(["12", "etick", "11"]));
    // The leader moved on with the repeat of 12 (its stream stands there); the follower never heard of it.
    expect(first.stream.lastCursor).toBe("13.96.101");
    expect(second.stream.lastCursor).toBe("11.95.100");
    first.crash();
    await vi.waitFor(() => expect(second.leader).toBe(true));
    expect(second.server!.openedAfter).toBe("11.95.100");
  });

  it("hands over when the leader closes: the next tab resumes after the last id it saw, so nothing is lost or repeated", async () => {
    const tabs = await openTabs(3, { cursor: "10" });
    const [first, second, third] = tabs as [Tab, Tab, Tab];
    first.server!.send(alert("11"));
    await vi.waitFor(() => expect(third.ids()).toEqual(["11"]));

    first.close();
    expect(first.server!.stopped).toBe(true);
    await vi.waitFor(() => expect(second.leader).toBe(true));
    expect(third.states).toContain("connecting"); // not live between the two leaders' streams
    await vi.waitFor(() => expect(third.states.at(-1)).toBe("connected"));
    // The new stream starts after 11: the server replays 12, stored during the hand-over.
    expect(second.server!.openedAfter).toBe("11");
    second.server!.send(alert("11"), alert("12"), alert("13"));
    await vi.waitFor(() => expect(third.ids()).toEqual(["11", "12", "13"]));
    expect(second.ids()).toEqual(["11", "12", "13"]);
    expect(third.servers).toHaveLength(0);
  });

  it("takes over from a crashed leader (no goodbye, only its lock released) after the last id it saw", async () => {
    const tabs = await openTabs(2, { cursor: "10" });
    const [first, second] = tabs as [Tab, Tab];
    first.server!.send(alert("11"), alert("12"));
    await vi.waitFor(() => expect(second.ids()).toEqual(["11", "12"]));

    first.crash();
    await vi.waitFor(() => expect(second.leader).toBe(true));
    expect(second.server!.openedAfter).toBe("12");
    second.server!.send(alert("12"), alert("13"));
    expect(second.ids()).toEqual(["11", "12", "13"]);
  });

  it("gives a tab that joins what it missed after its page's cursor, or has it reload when the leader cannot tell", async () => {
    const tabs = await openTabs(1, { cursor: "10" });
    tabs[0]!.server!.send(alert("11"), alert("12"), alert("13"));
    const user = `user-${userCount}`;

    const late = openTab("late", user, { cursor: "11" });
    await vi.waitFor(() => expect(late.ids()).toEqual(["12", "13"]));
    expect(late.ids("here")).toEqual([]); // shown when they came, elsewhere: no toast now

    const stale = openTab("stale", user, { cursor: "4" }); // its page predates the leader's stream
    await vi.waitFor(() => expect(stale.resyncs).toBe(1));
    expect(stale.ids()).toEqual([]);
    expect(stale.stream.lastCursor).toBe("13"); // so if it leads one day, it resumes where the others are
    tabs[0]!.server!.send(alert("14"));
    await vi.waitFor(() => expect(stale.ids()).toEqual(["14"]));
  });

  it("has an event that came while every tab was hidden reported seen once, by the first tab to become visible", async () => {
    const tabs = await openTabs(3, { visible: false });
    tabs[0]!.server!.send(alert("21"));
    await vi.waitFor(() => tabs.forEach((t) => expect(t.ids("none")).toEqual(["21"])));
    expect(tabs.flatMap((t) => t.seen)).toEqual([]);

    tabs[2]!.setStatus({ visible: true, at: 5 });
    await vi.waitFor(() => expect(tabs[2]!.seen).toEqual(["21"]));
    tabs[1]!.setStatus({ visible: true, at: 6 });
    await vi.waitFor(() => expect(shownBy(tabs[0]!)).toBe("tab-1"));
    tabs[0]!.server!.send(alert("22")); // now shown in tab-1, the last to become visible
    await vi.waitFor(() => expect(tabs[1]!.seen).toEqual(["22"]));
    expect(tabs.map((t) => t.seen)).toEqual([[], ["22"], ["21"]]);
  });

  it("ends the session in every tab when one signs out", async () => {
    const tabs = await openTabs(3);
    tabs[2]!.stream.endSession();
    await vi.waitFor(() => expect(tabs.slice(0, 2).map((t) => t.ended)).toEqual([true, true]));
    expect(tabs[0]!.server!.stopped).toBe(true);
    expect(tabs[0]!.states.at(-1)).toBe("offline");
  });

  it("falls back to a stream per tab where Web Locks are missing, still ending all on sign-out", async () => {
    const user = `user-${++userCount}`;
    const tabs = [openTab("a", user, { locks: false }), openTab("b", user, { locks: false })];
    expect(tabs.map((t) => [t.leader, t.servers.length])).toEqual([
      [true, 1],
      [true, 1],
    ]);
    tabs[0]!.server!.send(alert("31"), alert("31"));
    tabs[1]!.server!.send(alert("31"));
    expect(tabs.map((t) => t.ids("here"))).toEqual([["31"], ["31"]]);
    tabs[0]!.stream.endSession();
    await vi.waitFor(() => expect(tabs[1]!.ended).toBe(true));
  });
});
