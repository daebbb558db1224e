import { describe, expect, it } from "vitest";
import { RecentEvents } from "./recent-events";

const item = (id: string) => ({ id, event: { id }, data: `{"id":"${id}"}`, shownIn: null });

describe("RecentEvents", () => {
  it("gives the events after a cursor it covers, oldest first", () => {
    const recent = new RecentEvents<{ id: string }>("10");
    for (const id of ["11", "12", "13"]) recent.add(item(id));
    expect(recent.after("11")!.map((i) => i.id)).toEqual(["12", "13"]);
    expect(recent.after("10")!.map((i) => i.id)).toEqual(["11", "12", "13"]);
    expect(recent.after("13")).toEqual([]);
  });

  it("says it cannot answer for a cursor older than what it remembers", () => {
    const recent = new RecentEvents<{ id: string }>("10", 2);
    expect(recent.after("9")).toBeNull(); // events 10 and before were never on this tab's stream
    for (const id of ["11", "12", "13"]) recent.add(item(id));
    expect(recent.after("10")).toBeNull(); // 11 was forgotten
    expect(recent.after("11")!.map((i) => i.id)).toEqual(["12", "13"]);
  });

  it("treats no cursor as before the first event, and starts over on reset", () => {
    const recent = new RecentEvents<{ id: string }>(null);
    recent.add(item("1"));
    expect(recent.after(null)!.map((i) => i.id)).toEqual(["1"]);
    recent.reset("40");
    expect(recent.after("39")).toBeNull();
    expect(recent.after("40")).toEqual([]);
  });
});
