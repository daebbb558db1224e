import { describe, expect, it } from "vitest";
import { contestIdFor, rankChanges, rankMessage, rankStandings } from "./contest-ranking";

const t = (n: number) => new Date(Date.UTC(2026, 10, 23, n));

describe("the weekly contest", () => {
  it("ranks by score, ties to the earlier entrant", () => {
    const ranks = rankStandings([
      { userId: "bob", score: 120, joinedAt: t(2) },
      { userId: "alice", score: 210, joinedAt: t(1) },
      { userId: "carol", score: 120, joinedAt: t(0) },
    ]);
    expect([...ranks]).toEqual([
      ["alice", 1],
      ["carol", 2],
      ["bob", 3],
    ]);
  });

  it("reports only the users whose rank moved, and new entrants", () => {
    const before = new Map<string, number | null>([
      ["alice", 1],
      ["bob", 2],
      ["carol", 3],
      ["dave", null],
    ]);
    const after = new Map([
      ["bob", 1],
      ["alice", 2],
      ["carol", 3],
      ["dave", 4],
    ]);
    const changes = rankChanges(before, after);
    expect(changes).toEqual([
      { userId: "bob", from: 2, to: 1 },
      { userId: "alice", from: 1, to: 2 },
      { userId: "dave", from: null, to: 4 },
    ]);
    expect(rankMessage(changes[0]!, "contest")).toBe("You moved up to #1 in the contest!");
    expect(rankMessage(changes[1]!, "contest")).toBe("You dropped to #2 in the contest");
  });

  it("names the contest by ISO week", () => {
    expect(contestIdFor(new Date("2026-11-27T10:00:00Z"))).toBe("weekly-2026-W48");
    expect(contestIdFor(new Date("2027-01-01T10:00:00Z"))).toBe("weekly-2026-W53");
    expect(contestIdFor(new Date("2026-01-01T10:00:00Z"))).toBe("weekly-2026-W01");
  });
});
