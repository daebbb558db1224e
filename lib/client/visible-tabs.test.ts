import { describe, expect, it } from "vitest";
import { VisibleTabs } from "./visible-tabs";

describe("VisibleTabs", () => {
  it("picks the focused tab, else the one that became visible last, and none when all are hidden", () => {
    const tabs = new VisibleTabs();
    expect(tabs.choose()).toBeNull();
    tabs.set("a", { visible: true, focused: false, at: 1 });
    tabs.set("b", { visible: true, focused: false, at: 5 });
    tabs.set("c", { visible: false, focused: false, at: 9 });
    expect(tabs.choose()).toBe("b");
    tabs.set("a", { visible: true, focused: true, at: 1 });
    expect(tabs.choose()).toBe("a");
    tabs.remove("a");
    tabs.set("b", { visible: false, focused: false, at: 6 });
    expect(tabs.choose()).toBeNull();
  });

  it("breaks a tie the same way in every tab", () => {
    const one = new VisibleTabs();
    const two = new VisibleTabs();
    one.set("x", { visible: true, focused: true, at: 3 });
    one.set("y", { visible: true, focused: true, at: 3 });
    two.set("y", { visible: true, focused: true, at: 3 });
    two.set("x", { visible: true, focused: true, at: 3 });
    expect(one.choose()).toBe("x");
    expect(two.choose()).toBe("x");
  });
});
