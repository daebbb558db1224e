import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E_API_KEY } from "../playwright.config";
import { screenshot, signIn, trigger } from "./support";

type Delivery = { channel: string; status: string; trigger: string };

async function deliveries(request: APIRequestContext, id: string): Promise<Delivery[]> {
  const res = await request.get(`/api/v1/notifications/${id}`, { headers: { authorization: `Bearer ${E2E_API_KEY}` } });
  return ((await res.json()) as { deliveries: Delivery[] }).deliveries;
}

test("an away user's high-priority event is captured as SMS; once back, she gets the next one in the app only", async ({
  browser,
  request,
}) => {
  // Carol is away (no page open). Bob's service raises a high-priority alert for her.
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
  await expect.poll(async () => (await deliveries(request, back.id)).map((d) => `${d.channel}:${d.status}`).sort()).toEqual([
    "sms:cancelled",
    "sse:sent",
  ]);
  await alice.goto("/admin/outbox");
  await expect(alice.getByTestId("captured-message").filter({ hasText: "SOL reached 190" })).toHaveCount(0);
  // Close both browsers: their streams would otherwise stay open for the next spec.
  await Promise.all([aliceContext.close(), carolContext.close()]);
});

test("carol sets her phone, quiet hours and channels on the settings page", async ({ page }) => {
  await signIn(page, "carol@herald.test");
  await page.getByRole("link", { name: "Settings" }).click();
  await page.waitForURL("**/settings");

  const contact = page.getByRole("form", { name: "Contact and quiet hours" });
  await contact.getByLabel("Quiet hours from").fill("22:00");
  await contact.getByRole("button", { name: "Save contact details" }).click();
  await expect(contact.getByRole("alert")).toHaveText("set both ends of quiet hours, or neither");

  await contact.getByLabel("until").fill("07:00");
  await contact.getByLabel("Time zone").fill("Europe/Paris");
  await contact.getByRole("button", { name: "Save contact details" }).click();
  await expect(page.locator("[data-sonner-toast]").filter({ hasText: "Contact details saved" })).toBeVisible();

  await page.getByRole("checkbox", { name: "SMS for social" }).click();
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(page.locator("[data-sonner-toast]").filter({ hasText: "Preferences saved" })).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("Quiet hours from")).toHaveValue("22:00");
  await expect(page.getByRole("checkbox", { name: "SMS for social" })).not.toBeChecked();
  await expect(page.getByRole("checkbox", { name: "SMS for trading" })).toBeChecked();
  await page.evaluate(() => window.scrollTo(0, 0)); // the sticky header belongs at the top of a full-page shot
  await screenshot(page, "settings");
});
