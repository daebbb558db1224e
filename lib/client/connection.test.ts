import { afterEach, describe, expect, it, vi } from "vitest";
import { Connection, type EventSourceLike } from "./connection";

class FakeSource implements EventSourceLike {
  readyState = 0;
  closed = false;
  onopen: ((e: Event) => void) | null = null;
  onmessage: ((e: MessageEvent<string>) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  constructor(readonly url: string) {}
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event("open"));
  }
  message(data: string, lastEventId = "") {
    this.onmessage?.(new MessageEvent("message", { data, lastEventId }));
  }
  /** The browser gave up (a non-200 answer): it will not retry by itself. */
  refused() {
    this.readyState = 2;
    this.onerror?.(new Event("error"));
  }
}

function setup(opts: { ended?: boolean } = {}) {
  const sources: FakeSource[] = [];
  const states: string[] = [];
  const frames: [string, string][] = [];
  let cursor: string | null = "10";
  const ended = vi.fn();
  const conn = new Connection(
    "/api/events/stream",
    { cursor: () => cursor, frame: (d, id) => frames.push([d, id]), state: (s) => states.push(s), sessionEnded: ended },
    {
      open: (url) => {
        const s = new FakeSource(url);
        sources.push(s);
        return s;
      },
      checkSessionEnded: async () => opts.ended ?? false,
      isOnline: () => true,
    },
  );
  return { conn, sources, states, frames, ended, setCursor: (c: string) => (cursor = c) };
}

afterEach(() => void vi.useRealTimers());

describe("Connection", () => {
  it("resumes from the tab's cursor and hands on frames with their id", () => {
    const t = setup();
    t.setCursor("10.95");
    t.conn.start();
    expect(t.sources[0]!.url).toBe("/api/events/stream?lastEventId=10.95");
    t.sources[0]!.open();
    t.sources[0]!.message('{"id":"11"}', "11.95.101");
    expect(t.frames).toEqual([['{"id":"11"}', "11.95.101"]]);
    expect(t.states).toEqual(["connecting", "connected", "connected"]);
  });

  it("retries with backoff after the newest id when the browser gives up, and says offline after three failures", async () => {
    vi.useFakeTimers();
    const t = setup();
    t.conn.start();
    t.setCursor("12");
    for (let i = 0; i < 3; i++) {
      t.sources.at(-1)!.refused();
      await vi.runAllTimersAsync();
    }
    const after = (id: string) => `/api/events/stream?lastEventId=${id}`;
    expect(t.sources.map((s) => s.url)).toEqual([after("10"), after("12"), after("12"), after("12")]);
    expect(t.states).toEqual(["connecting", "reconnecting", "reconnecting", "offline"]);
    t.conn.retryNow(); // "Retry now": at once, without waiting for the backoff
    expect(t.sources).toHaveLength(5);
    expect(t.states.at(-1)).toBe("connecting");
    t.conn.stop();
  });

  it("stops for good, and says so, when the session has ended", async () => {
    const t = setup({ ended: true });
    t.conn.start();
    t.sources[0]!.refused();
    await vi.waitFor(() => expect(t.ended).toHaveBeenCalledOnce());
    expect(t.sources).toHaveLength(1);
    expect(t.sources[0]!.closed).toBe(true);
  });
});
