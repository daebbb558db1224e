import { describe, expect, it } from "vitest";
import { resolveDestination } from "./destination";
import { decideDue, planDelivery } from "./routing";

const now = new Date("2026-11-27T10:00:00Z");

describe("planDelivery", () => {
  it("sends to the stream only when the user is online, whatever the priority", () => {
    for (const priority of ["low", "medium", "high"] as const) {
      expect(planDelivery({ online: true, priority, now, graceMs: 10_000 })).toEqual([
        { channel: "sse", status: "sent", reason: expect.any(String) },
      ]);
    }
  });

  it.each([
    ["high", "sms"],
    ["medium", "push"],
    ["low", "email"],
  ] as const)("plans an offline %s event as %s, due after the grace window", (priority, channel) => {
    const plan = planDelivery({ online: false, priority, now, graceMs: 10_000 });
    expect(plan[0]).toMatchObject({ channel: "sse", status: "missed" });
    expect(plan[1]).toMatchObject({ channel, status: "pending", dueAt: new Date("2026-11-27T10:00:10Z") });
  });

  it("never sends to a third party for a user who is online when the delivery falls due", () => {
    expect(decideDue({ online: true })).toBe("cancel");
    expect(decideDue({ online: false })).toBe("send");
  });
});

describe("resolveDestination", () => {
  const everything = { phone: "+1555", email: "bob@x.test", deviceTokens: ["tok"] };

  it("uses the preferred channel when it has a destination", () => {
    expect(resolveDestination("sms", everything)).toEqual({ channel: "sms", destination: "+1555", fellBackBecause: null });
    expect(resolveDestination("push", everything)).toMatchObject({ channel: "push", destination: "tok" });
  });

  it("falls back down sms → push → email and says why", () => {
    expect(resolveDestination("sms", { ...everything, phone: null })).toEqual({
      channel: "push",
      destination: "tok",
      fellBackBecause: "no phone number",
    });
    expect(resolveDestination("sms", { phone: null, email: "b@x.test", deviceTokens: [] })).toEqual({
      channel: "email",
      destination: "b@x.test",
      fellBackBecause: "no phone number; no push device",
    });
    expect(resolveDestination("push", { phone: null, email: null, deviceTokens: [] })).toBeNull();
  });
});
