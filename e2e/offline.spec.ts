import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E_API_KEY } from "../playwright.config";
import { screenshot, signIn, trigger, userStreams } from "./support";

type Delivery = { channel: string; status: string; trigger: string; destination: string | null };
type Ledger = { deliveries: Delivery[]; timeline: { kind: string; channel: string; outcome: string; detail: string | null }[] };

/** A notification's ledger: its deliveries, the offline one, and the latest timeline step. */
async function ledgerOf(request: APIRequestContext, id: string) {
  const res = await request.get(`/api/v1/notifications/${id}`, { headers: { authorization: `Bearer ${E2E_API_KEY}` } });
  const ledger = (await res.json()) as Ledger;
  return { ...ledger, offline: ledger.deliveries.find((d) => d.channel !== "sse"), last: ledger.timeline.at(-1) };
}

test("an away user's high-priority event is captured as SMS; once back, she gets the next one in the app only", async ({
  browser,
  request,
}) => {
  // Carol is away: no stream of hers open (nor closed moments ago). Bob's service raises a high-priority alert for her.
  await expect.poll(async () => (await userStreams(request, "carol@herald.test")).online, { timeout: 20_000 }).toBe(false);
  const away = await trigger(request, "/api/v1/notifications", {
    to: "carol@herald.test",
    type: "price_alert",
    message: "SOL reached 180 — Bob's alert for Carol",
    data: { symbol: "SOL", price: 180 },
  });

  // Alice (admin) watches the dev outbox: after the grace window the SMS shows up, captured.
  const aliceContext = await browser.newContext();
  const alice = await aliceContext.newPage();
  await signIn(alice, "alice@herald.test");
  await alice.goto("/admin/outbox");
  const sms = alice.getByTestId("captured-message").filter({ hasText: "SOL reached 180 — Bob's alert for Carol" });
  await expect(async () => {
    await alice.reload();
    await expect(sms).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(sms).toHaveAttribute("data-channel", "sms");
  await expect(sms).toContainText("to +15550000003");
  await expect(sms).toContainText("Herald: SOL reached 180");
  await screenshot(alice, "admin-outbox");

  // The ledger page tells how it got there.
  await sms.getByRole("link", { name: `ledger #${away.id}` }).click();
  await expect(alice.getByRole("heading", { name: `Notification #${away.id}` })).toBeVisible();
  await expect(alice.getByTestId("delivery-timeline")).toContainText("captured");
  await screenshot(alice, "admin-ledger");

  // Carol opens the app. A new high-priority event reaches her in the app...
  const carolContext = await browser.newContext();
  const carol = await carolContext.newPage();
  await signIn(carol, "carol@herald.test");
  const back = await trigger(request, "/api/v1/notifications", {
    to: "carol@herald.test",
    type: "price_alert",
    message: "SOL reached 190 while Carol is here",
    data: { symbol: "SOL", price: 190 },
  });
  await expect(carol.locator("[data-sonner-toast]").filter({ hasText: "SOL reached 190 while Carol is here" })).toBeVisible();
  await expect(carol.getByTestId("event-feed")).toContainText("SOL reached 190 while Carol is here");

  // ...only: her tab reported it seen, so its escalation SMS is cancelled and nothing is captured.
  await expect.poll(async () => (await ledgerOf(request, back.id)).deliveries.map((d) => `${d.channel}:${d.status}`).sort()).toEqual([
    "sms:cancelled",
    "sse:sent",
  ]);
  await alice.goto("/admin/outbox");
  await expect(alice.getByTestId("captured-message").filter({ hasText: "SOL reached 190" })).toHaveCount(0);
  // Close both browsers: their streams would otherwise stay open for the next spec.
  await Promise.all([aliceContext.close(), carolContext.close()]);
});

/** "HH:MM" in UTC, `minutes` after `from`. */
const utcClock = (from: number, minutes: number) => new Date(from + minutes * 60_000).toISOString().slice(11, 16);

test("carol's settings decide the channel while she is away: preferences, fallback, quiet hours and the security bypass", async ({
  page,
  request,
}) => {
  // The clock is read once: the same quiet hours are typed and later expected back, whatever
  // minute the test happens to cross (computing them twice once failed at a minute boundary).
  const now = Date.now();
  const quietFrom = utcClock(now, -60);
  const quietUntil = utcClock(now, 60);
  await signIn(page, "carol@herald.test");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await page.waitForURL("**/settings");

  const contact = page.getByRole("form", { name: "Contact and quiet hours" });
  await contact.getByLabel("Quiet hours from").fill(quietFrom);
  await contact.getByRole("button", { name: "Save contact details" }).click();
  await expect(contact.getByRole("alert")).toHaveText("set both ends of quiet hours, or neither");

  // Quiet hours around now, in her (UTC) time zone; SMS off for social events.
  await contact.getByLabel("until").fill(quietUntil);
  await contact.getByLabel("Time zone").fill("UTC");
  await contact.getByRole("button", { name: "Save contact details" }).click();
  await expect(page.locator("[data-sonner-toast]").filter({ hasText: "Contact details saved" })).toBeVisible();
  await page.getByRole("checkbox", { name: "SMS for social" }).click();
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(page.locator("[data-sonner-toast]").filter({ hasText: "Preferences saved" })).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("Quiet hours from")).toHaveValue(quietFrom);
  await expect(page.getByLabel("until")).toHaveValue(quietUntil);
  await expect(page.getByRole("checkbox", { name: "SMS for social" })).not.toBeChecked();
  await expect(page.getByRole("checkbox", { name: "SMS for trading" })).toBeChecked();
  // Push devices: register one (a short token is refused), then remove it again.
  const devices = page.getByRole("form", { name: "Register a device" });
  await devices.getByLabel("Device name").fill("Tablet");
  await devices.getByLabel("FCM registration token").fill("short");
  await devices.getByRole("button", { name: "Register device" }).click();
  await expect(devices.getByRole("alert")).toHaveText("a registration token is longer than that");
  await devices.getByLabel("FCM registration token").fill("fcm-token-for-carols-tablet-0123456789");
  await devices.getByRole("button", { name: "Register device" }).click();
  const tablet = page.getByTestId("devices").getByRole("row").filter({ hasText: "Tablet" });
  await expect(tablet).toContainText("…0123456789");
  await page.evaluate(() => window.scrollTo(0, 0)); // the sticky header belongs at the top of a full-page shot
  await screenshot(page, "settings");
  await tablet.getByRole("button", { name: "Remove" }).click();
  await expect(tablet).toHaveCount(0);
  await page.close(); // carol is away now, once presence has seen her stream close and let her go
  await expect.poll(async () => (await userStreams(request, "carol@herald.test")).online, { timeout: 20_000 }).toBe(false);

  // A high-priority social event: SMS is off for social, so push — which waits for quiet hours to end.
  const chat = await trigger(request, "/api/v1/notifications", {
    to: "carol@herald.test",
    type: "chat_message",
    priority: "high",
    message: "Urgent message in Trading Room",
    data: { roomId: "trading", sender: "Bob", text: "Call me" },
  });
  await expect
    .poll(async () => (await ledgerOf(request, chat.id)).last?.outcome, { timeout: 20_000 })
    .toBe("held");
  const held = await ledgerOf(request, chat.id);
  expect(held.offline).toMatchObject({ channel: "push", status: "pending" });
  expect(held.last?.detail).toContain("sms turned off for social; fell back to push; quiet hours");

  // A security alert goes through quiet hours, by SMS.
  const security = await trigger(request, "/api/v1/notifications", {
    to: "carol@herald.test",
    type: "security_alert",
    message: "New sign-in to your account from Firefox",
    data: { kind: "new_device", device: "Firefox" },
  });
  await expect
    .poll(async () => (await ledgerOf(request, security.id)).offline?.status, { timeout: 20_000 })
    .toBe("captured");
  const sent = await ledgerOf(request, security.id);
  expect(sent.offline).toMatchObject({ channel: "sms", destination: "+15550000003" });
  expect(sent.last?.detail).toContain("bypassed");
});
