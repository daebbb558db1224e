// The real Twilio, firebase-admin and SendGrid SDKs against fake provider servers on 127.0.0.1.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { badRequest, FakeProviders, serverError, tooManyRequests, unregisteredToken } from "@/tests/support/fake-providers";
import { compose } from "../compose";
import type { Envelope } from "@/lib/events/envelope";
import { fcmAdapter } from "./fcm";
import { sendgridAdapter } from "./sendgrid";
import { twilioAdapter } from "./twilio";
import { isChannelError, type ChannelAdapter } from "./types";

const envelope: Envelope = {
  id: "42",
  type: "security_alert",
  category: "system",
  priority: "high",
  message: "New sign-in from Firefox on Linux",
  data: { kind: "new_device", device: "Firefox" },
  timestamp: "2026-11-27T10:00:00.000Z",
};

let fake: FakeProviders;
let sms: ChannelAdapter;
let push: ChannelAdapter & { close(): Promise<void> };
let email: ChannelAdapter;
const ctx = { deliveryId: "d-1" };

beforeAll(async () => {
  fake = await FakeProviders.start();
  sms = twilioAdapter({
    accountSid: `AC${"0".repeat(31)}1`,
    authToken: "test-token-123",
    from: "+15005550006",
    baseUrl: fake.url,
    statusCallbackUrl: "https://herald.example/api/webhooks/twilio/status",
    timeoutMs: 5000,
  });
  push = fcmAdapter({ projectId: "herald-test", auth: { accessToken: "test-access-token" }, endpoint: { host: "127.0.0.1", port: fake.port } });
  email = sendgridAdapter({ apiKey: "SG.test-key", from: "herald@herald.test", baseUrl: fake.url });
});
beforeEach(() => fake.reset());
afterAll(async () => {
  await push?.close();
  await fake?.close();
});

async function failure(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isChannelError(err), String(err)).toBe(true);
  return err as import("./types").ChannelError;
}

describe("Twilio adapter", () => {
  it("posts the SMS to the account's Messages endpoint and returns the message SID", async () => {
    const result = await sms.send(compose("sms", "+15550000003", envelope), ctx);
    expect(result.status).toBe("sent");
    expect(result.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    const [req] = fake.of("twilio");
    expect(req!.method).toBe("POST");
    expect(req!.path).toBe(`/2010-04-01/Accounts/AC${"0".repeat(31)}1/Messages.json`);
    expect(req!.form).toMatchObject({
      To: "+15550000003",
      From: "+15005550006",
      Body: "Herald: New sign-in from Firefox on Linux",
      StatusCallback: "https://herald.example/api/webhooks/twilio/status",
    });
    expect(req!.headers.authorization).toMatch(/^Basic /);
  });

  it("classifies 429 as retryable with its Retry-After, 5xx as retryable, 400 as permanent", async () => {
    fake.script("twilio", tooManyRequests(7), serverError, badRequest("twilio"));
    const limited = await failure(sms.send(compose("sms", "+15550000003", envelope), ctx));
    expect(limited).toMatchObject({ retryable: true, retryAfterMs: 7000, httpStatus: 429 });
    const down = await failure(sms.send(compose("sms", "+15550000003", envelope), ctx));
    expect(down).toMatchObject({ retryable: true, httpStatus: 503 });
    const bad = await failure(sms.send(compose("sms", "+15550000003", envelope), ctx));
    expect(bad).toMatchObject({ retryable: false, httpStatus: 400 });
    expect(bad.message).toContain("not a valid phone number");
    // The SDK did not retry the 429 by itself: one request per send.
    expect(fake.of("twilio")).toHaveLength(3);
  });
});

describe("FCM adapter", () => {
  it("sends one message to the token with the title, body and data", async () => {
    const result = await push.send(compose("push", "device-token-abc", envelope), ctx);
    expect(result).toEqual({ status: "sent", providerMessageId: expect.stringMatching(/^projects\/herald-test\/messages\/\d+$/) });
    const [req] = fake.of("fcm");
    expect(req!.path).toBe("/v1/projects/herald-test/messages:send");
    expect(req!.headers.authorization).toBe("Bearer test-access-token");
    expect(req!.json.message).toMatchObject({
      token: "device-token-abc",
      notification: { title: "Herald", body: "New sign-in from Firefox on Linux" },
      data: { notificationId: "42", type: "security_alert" },
    });
  });

  it("reports an UNREGISTERED token as gone for good", async () => {
    fake.script("fcm", unregisteredToken);
    const gone = await failure(push.send(compose("push", "stale-token", envelope), ctx));
    expect(gone).toMatchObject({ destinationGone: true, retryable: false });
    expect(gone.message).toContain("registration-token-not-registered");
  });
});

describe("SendGrid adapter", () => {
  it("posts the email to /v3/mail/send with our delivery id as a custom arg", async () => {
    const result = await email.send(compose("email", "carol@herald.test", envelope), ctx);
    expect(result).toEqual({ status: "sent", providerMessageId: expect.stringMatching(/^sg-\d+$/) });
    const [req] = fake.of("sendgrid");
    expect(req!.headers.authorization).toBe("Bearer SG.test-key");
    expect(req!.json).toMatchObject({
      from: { email: "herald@herald.test" },
      subject: "[Herald] New sign-in from Firefox on Linux",
      personalizations: [{ to: [{ email: "carol@herald.test" }] }],
      custom_args: { herald_delivery: "d-1" },
    });
    expect(req!.json.content[0].value).toContain("New sign-in from Firefox on Linux");
  });

  it("classifies a 400 as permanent and a 429 as retryable with Retry-After", async () => {
    fake.script("sendgrid", badRequest("sendgrid"), tooManyRequests(3));
    const bad = await failure(email.send(compose("email", "not-an-address", envelope), ctx));
    expect(bad).toMatchObject({ retryable: false, httpStatus: 400 });
    expect(bad.message).toContain("does not contain a valid address");
    const limited = await failure(email.send(compose("email", "carol@herald.test", envelope), ctx));
    expect(limited).toMatchObject({ retryable: true, retryAfterMs: 3000 });
  });

  it("treats a refused connection as retryable", async () => {
    const down = sendgridAdapter({ apiKey: "SG.test-key", from: "herald@herald.test", baseUrl: "http://127.0.0.1:1" });
    const err = await failure(down.send(compose("email", "carol@herald.test", envelope), ctx));
    expect(err.retryable).toBe(true);
  });
});
