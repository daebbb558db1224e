import { describe, expect, it } from "vitest";
import { chooseRoute, type RouteInput } from "./choose-route";
import { quietUntil } from "./quiet-hours";
import { decideDue, planEscalation } from "./routing";

// 23:30 in Paris (UTC+1 in November).
const lateEvening = new Date("2026-11-27T22:30:00Z");
const midday = new Date("2026-11-27T11:00:00Z");
const reach = { phone: "+15550000003", email: "carol@herald.test", deviceTokens: ["tok-1"] };
const base: RouteInput = {
  preferred: "sms",
  type: "price_alert",
  category: "trading",
  reach,
  disabled: new Set(),
  quiet: null,
  now: midday,
};
const quiet = { start: "22:00", end: "07:00", timeZone: "Europe/Paris" };

describe("chooseRoute", () => {
  it("uses the priority's channel when allowed and reachable", () => {
    expect(chooseRoute(base)).toEqual({ action: "send", channel: "sms", destination: "+15550000003", notes: [] });
    expect(chooseRoute({ ...base, preferred: "email" })).toMatchObject({ channel: "email", destination: "carol@herald.test" });
  });

  it("skips a channel the user turned off for the category, and says so", () => {
    const choice = chooseRoute({ ...base, disabled: new Set(["trading:sms"]) });
    expect(choice).toEqual({
      action: "send",
      channel: "push",
      destination: "tok-1",
      notes: ["sms turned off for trading", "fell back to push"],
    });
    // Other categories keep SMS.
    expect(chooseRoute({ ...base, category: "system", disabled: new Set(["trading:sms"]) })).toMatchObject({ channel: "sms" });
  });

  it("falls back sms → push → email when destinations are missing, recording why", () => {
    const choice = chooseRoute({ ...base, reach: { phone: null, email: "c@x.test", deviceTokens: [] } });
    expect(choice).toEqual({
      action: "send",
      channel: "email",
      destination: "c@x.test",
      notes: ["no phone number", "no push device", "fell back to email"],
    });
  });

  it("never goes up the chain: a push event with no device and email off is skipped", () => {
    const choice = chooseRoute({ ...base, preferred: "push", reach: { ...reach, deviceTokens: [] }, disabled: new Set(["trading:email"]) });
    expect(choice).toEqual({ action: "skip", notes: ["no push device", "email turned off for trading", "no channel left to try"] });
  });

  it("holds SMS and push during quiet hours in the user's time zone until the window ends", () => {
    const choice = chooseRoute({ ...base, quiet, now: lateEvening });
    expect(choice).toMatchObject({ action: "hold", channel: "sms", until: new Date("2026-11-28T06:00:00Z") });
    expect(chooseRoute({ ...base, preferred: "push", quiet, now: lateEvening })).toMatchObject({ action: "hold", channel: "push" });
    // Outside the window nothing waits; email never waits.
    expect(chooseRoute({ ...base, quiet, now: midday })).toMatchObject({ action: "send", channel: "sms" });
    expect(chooseRoute({ ...base, preferred: "email", quiet, now: lateEvening })).toMatchObject({ action: "send", channel: "email" });
  });

  it("lets security and transaction alerts through quiet hours", () => {
    for (const type of ["security_alert", "transaction_alert"]) {
      const choice = chooseRoute({ ...base, type, quiet, now: lateEvening });
      expect(choice).toMatchObject({ action: "send", channel: "sms" });
      expect(choice.notes.join()).toContain("bypassed");
    }
  });
});

describe("quietUntil", () => {
  it("handles windows inside one day and across midnight, in the user's zone", () => {
    expect(quietUntil(new Date("2026-11-27T13:15:00Z"), { start: "13:00", end: "14:00", timeZone: "UTC" })).toEqual(
      new Date("2026-11-27T14:00:00Z"),
    );
    expect(quietUntil(new Date("2026-11-27T14:00:00Z"), { start: "13:00", end: "14:00", timeZone: "UTC" })).toBeNull();
    // 05:30 in Tokyo is inside 22:00–07:00 and ends at 07:00 Tokyo = 22:00 UTC.
    expect(quietUntil(new Date("2026-11-26T20:30:00Z"), { start: "22:00", end: "07:00", timeZone: "Asia/Tokyo" })).toEqual(
      new Date("2026-11-26T22:00:00Z"),
    );
  });
});

describe("escalation planning", () => {
  const now = new Date("2026-11-27T10:00:00Z");
  it("plans the offline channel after the timer for an online user only", () => {
    expect(planEscalation({ presence: "online", priority: "high", now, afterMs: 60_000 })).toEqual([
      expect.objectContaining({ channel: "sms", status: "pending", trigger: "unseen", dueAt: new Date("2026-11-27T10:01:00Z") }),
    ]);
    expect(planEscalation({ presence: "offline", priority: "high", now, afterMs: 60_000 })).toEqual([]);
    expect(planEscalation({ presence: "online", priority: "medium", now, afterMs: 0 })).toEqual([]);
  });

  it("sends a due escalation even though the user is online; an offline delivery is cancelled instead", () => {
    expect(decideDue({ presence: "online", trigger: "unseen" })).toBe("send");
    expect(decideDue({ presence: "online", trigger: "offline" })).toBe("cancel");
  });
});
