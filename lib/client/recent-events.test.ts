import { describe, expect, it } from "vitest";
import { RecentEvents } from "./recent-events";

/** An event as a frame brought it: its id, and the frame's cursor (bare, or with xmin and txid). */
const item = (id: string, cursor: string | null = id) => ({ id, cursor, event: { id }, data: `{"id":"${id}"}`, shownIn: null });

describe("RecentEvents", () => {
  it("gives the events after a cursor it covers, oldest first", () => {
    const recent = new RecentEvents<{ id: string }>("10");
    for (const id of ["11", "12", "13"]) recent.add(item(id));
    expect(recent.after("11")!.map((i) => i.id)).toEqual(["12", "13"]);
    expect(recent.after("10")!.map((i) => i.id)).toEqual(["11", "12", "13"]);
    expect(recent.after("13")).toEqual([]);
  });

  it("also gives a smaller id committed after the cursor was read, by its transaction id", () => {
    // The page read its cursor when event 12 was stored and transactions from 100 on were open.
    const recent = new RecentEvents<{ id: string }>("9.90");
    recent.add(item("10", "10.90.95")); // committed before: the page has it
    recent.add(item("13", "13.96.104"));
    recent.add(item("11", "11.96.101")); // id taken before 12, committed after the page's cursor
    expect(recent.after("12.100")!.map((i) => i.id)).toEqual(["13", "11"]);
    // A bare cursor (no xmin) goes by ids alone.
    expect(recent.after("12")!.map((i) => i.id)).toEqual(["13"]);
  });

  it("says it cannot answer for a cursor older than what it remembers", () => {
    const recent = new RecentEvents<{ id: string }>("10", 2);
    expect(recent.after("9")).toBeNull(); // events 10 and before were never on this tab's stream
    for (const id of ["11", "12", "13"]) recent.add(item(id));
    expect(recent.after("10")).toBeNull(); // 11 was forgotten
    expect(recent.after("11")!.map((i) => i.id)).toEqual(["12", "13"]);
  });

  it("cannot answer for a cursor that would take late commits it started after, or forgot", () => {
    const recent = new RecentEvents<{ id: string }>("10.100", 1);
    expect(recent.after("12.90")).toBeNull(); // transactions 90..99 may hold ids below 10 it never had
    expect(recent.after("12.100")).toEqual([]);
    recent.add(item("13", "13.100.120"));
    recent.add(item("14", "14.100.121"));
    expect(recent.after("13.110")).toBeNull(); // 13 (transaction 120) was forgotten
    expect(recent.after("13.125")!.map((i) => i.id)).toEqual(["14"]);
  });

  it("treats no cursor as before the first event, and starts over on reset", () => {
    const recent = new RecentEvents<{ id: string }>(null);
    recent.add(item("1"));
    expect(recent.after(null)!.map((i) => i.id)).toEqual(["1"]);
    recent.reset("40.7");
    expect(recent.after("39.7")).toBeNull();
    expect(recent.after("40.7")).toEqual([]);
  });
});
