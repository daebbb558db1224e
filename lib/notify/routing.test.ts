import { describe, expect, it } from "vitest";
import { chooseRoute } from "./choose-route";
import type { Reachable } from "./destination";
import type { OfflineChannel } from "@/lib/events/definition";
import { decideDue, planDelivery } from "./routing";

const now = new Date("2026-11-27T10:00:00Z");

describe("planDelivery", () => {
  it("sends to the stream only when the user is online, whatever the priority", () => {
    for (const priority of ["low", "medium", "high"] as const) {
      expect(planDelivery({ presence: "online", priority, now, graceMs: 10_000 })).toEqual([
        { channel: "sse", status: "sent", reason: expect.any(String) },
      ]);
    }
  });

  it.each([
    ["high", "sms"],
    ["medium", "push"],
    ["low", "email"],
  ] as const)("plans an offline %s event as %s, due after the grace window", (priority, channel) => {
    const plan = planDelivery({ presence: "offline", priority, now, graceMs: 10_000 });
    expect(plan[0]).toMatchObject({ channel: "sse", status: "missed" });
    expect(plan[1]).toMatchObject({ channel, status: "pending", dueAt: new Date("2026-11-27T10:00:10Z") });
  });

  it("plans a user of unknown presence like an away one, and says so", () => {
    const plan = planDelivery({ presence: "unknown", priority: "high", now, graceMs: 10_000 });
    expect(plan[0]).toMatchObject({ channel: "sse", status: "missed", reason: expect.stringContaining("presence unknown") });
    expect(plan[1]).toMatchObject({ channel: "sms", status: "pending", dueAt: new Date("2026-11-27T10:00:10Z") });
  });

  it("never sends to a third party for a user who is online, or may be, when the delivery falls due", () => {
    expect(decideDue({ presence: "online" })).toBe("cancel");
    expect(decideDue({ presence: "offline" })).toBe("send");
    expect(decideDue({ presence: "unknown" })).toBe("wait");
    // An unseen escalation was not seen, wherever the user is.
    expect(decideDue({ presence: "unknown", trigger: "unseen" })).toBe("send");
  });

  it("sends an away user's security alert at once, even if a stream opens before it goes", () => {
    const plan = planDelivery({ presence: "offline", priority: "high", now, graceMs: 10_000, type: "security_alert" });
    expect(plan[1]).toMatchObject({ channel: "sms", status: "pending", trigger: "alert", dueAt: now });
    expect(decideDue({ presence: "online", trigger: "alert" })).toBe("send");
    // Online, it is an in-app alert like any other event; presence unknown, it waits like any other.
    expect(planDelivery({ presence: "online", priority: "high", now, graceMs: 10_000, type: "security_alert" })).toEqual([
      expect.objectContaining({ channel: "sse", status: "sent" }),
    ]);
    expect(planDelivery({ presence: "unknown", priority: "high", now, graceMs: 10_000, type: "security_alert" })[1]).not.toHaveProperty("trigger");
  });
});

describe("chooseRoute's destinations", () => {
  const everything = { phone: "+1555", email: "bob@x.test", deviceTokens: ["tok"] };
  const route = (preferred: OfflineChannel, reach: Reachable) =>
    chooseRoute({ preferred, type: "price_alert", category: "trading", reach, disabled: new Set(), quiet: null, now });

  it("uses the preferred channel when it has a destination", () => {
    expect(route("sms", everything)).toEqual({ action: "send", channel: "sms", destination: "+1555", notes: [] });
    expect(route("push", everything)).toMatchObject({ channel: "push", destination: "tok" });
  });

  it("falls back down sms → push → email and says why", () => {
    expect(route("sms", { ...everything, phone: null })).toEqual({
      action: "send",
      channel: "push",
      destination: "tok",
      notes: ["no phone number", "fell back to push"],
    });
    expect(route("sms", { phone: null, email: "b@x.test", deviceTokens: [] })).toEqual({
      action: "send",
      channel: "email",
      destination: "b@x.test",
      notes: ["no phone number", "no push device", "fell back to email"],
    });
    expect(route("push", { phone: null, email: null, deviceTokens: [] })).toMatchObject({ action: "skip" });
  });
});
