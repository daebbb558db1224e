import { describe, expect, it, vi } from "vitest";
import { electLeader } from "./leader";

describe("electLeader (Node's own Web Locks)", () => {
  it("elects one tab at a time: the next in line when the leader resigns, never one that resigned while waiting", async () => {
    const lock = `leader-test-${Math.random()}`;
    const elected: string[] = [];
    const resignA = electLeader(navigator.locks, lock, () => elected.push("a"));
    const resignB = electLeader(navigator.locks, lock, () => elected.push("b"));
    const resignC = electLeader(navigator.locks, lock, () => elected.push("c"));
    await vi.waitFor(() => expect(elected).toEqual(["a"]));

    resignB(); // closed while waiting in line
    resignA();
    await vi.waitFor(() => expect(elected).toEqual(["a", "c"]));
    resignC();
    const after = electLeader(navigator.locks, lock, () => elected.push("d"));
    await vi.waitFor(() => expect(elected).toEqual(["a", "c", "d"]));
    after();
  });
});
