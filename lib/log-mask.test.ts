import { describe, expect, it } from "vitest";
import { maskText } from "./log-mask";

describe("maskText", () => {
  it("masks emails and phone numbers, keeping them recognisable", () => {
    expect(maskText("Unknown recipient: bob@herald.test")).toBe("Unknown recipient: b***@herald.test");
    expect(maskText("sms to +15550000002 failed")).toBe("sms to +*******0002 failed");
    expect(maskText("call +44 20 7946 0958")).toBe("call +********0958");
  });

  it("removes credentials: bearer tokens, URL passwords, SendGrid keys and the configured secrets", () => {
    expect(maskText("Authorization: Bearer abc.def-123")).toBe("Authorization: Bearer [redacted]");
    expect(maskText("redis://default:hunter2@redis:6379/0")).toBe("redis://default:[redacted]@redis:6379/0");
    expect(maskText("postgresql://herald:s3cret@db/herald?schema=x")).toBe("postgresql://herald:[redacted]@db/herald?schema=x");
    expect(maskText("key SG.abcdefghij.klmnopqrstuv rejected")).toBe("key [secret] rejected");
    expect(maskText("twilio said token twilio-secret-token-4242 is bad", ["twilio-secret-token-4242"])).toBe(
      "twilio said token [secret] is bad",
    );
  });

  it("leaves ordinary text alone: ids, times, amounts, offsets", () => {
    const text = "notification 1234567890 at 2026-12-02T07:27:20.686+00:00 took 12.5 ms (+3 retries), user u_bob";
    expect(maskText(text)).toBe(text);
  });
});
