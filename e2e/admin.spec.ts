import { expect, test, type Browser, type Page } from "@playwright/test";
import { actionId, actionRequest, actionResult } from "../tests/support/server-actions";
import { screenshot, signIn, trigger } from "./support";

async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

test("bob cannot reach the admin page, nor call its actions directly", async ({ browser, baseURL, request }) => {
  const bob = await signedInPage(browser, "bob@herald.test");
  await expect(bob.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toHaveCount(0);
  await bob.goto("/admin");
  await expect(bob).toHaveURL(/\/dashboard\?denied=admin$/);
  await expect(bob.getByTestId("connection-state")).toHaveAttribute("data-state", "connected");

  // The actions themselves, posted from bob's browser context with his session cookie.
  const forged = "Forged notice from bob";
  const calls = [
    { name: "announceMaintenanceAction", args: [{ message: forged, startsAt: new Date(Date.now() + 60_000).toISOString(), durationMinutes: 5 }] },
    { name: "announceFeatureAction", args: [{ message: forged }] },
  ];
  for (const call of calls) {
    const req = actionRequest(baseURL!, actionId("app/(app)/admin/actions.ts", call.name), call.args);
    const res = await bob.request.post("/admin", { headers: req.headers, data: req.body, maxRedirects: 0 });
    expect(actionResult(await res.text()), call.name).toMatchObject({ ok: false, error: { code: "forbidden" } });
  }
  // Nothing was broadcast: bob's open dashboard (which lists every event it receives) never saw it.
  // An event sent after the attempts: once bob's page shows it, a forged broadcast would show too.
  await trigger(request, "/api/v1/notifications", { to: "bob@herald.test", type: "feature_announcement", message: "After the forged attempts", data: {} });
  await expect(bob.getByTestId("event-feed")).toContainText("After the forged attempts");
  await expect(bob.getByText(forged)).toHaveCount(0);
  await expect(bob.getByTestId("maintenance-banner")).toHaveCount(0);
  await bob.context().close();
});

test("alice broadcasts maintenance: bob's and carol's open pages show the banner, and later pages too", async ({ browser }) => {
  const bob = await signedInPage(browser, "bob@herald.test");
  const carol = await signedInPage(browser, "carol@herald.test");
  await carol.goto("/nft");
  await expect(carol.getByTestId("connection-state")).toHaveAttribute("data-state", "connected");
  const alice = await signedInPage(browser, "alice@herald.test");
  await alice.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  await expect(alice).toHaveURL(/\/admin$/);

  const online = alice.getByTestId("online-users");
  for (const name of ["Alice", "Bob", "Carol"]) await expect(online).toContainText(name);

  const notice = "Database upgrade: trading pauses for 30 minutes";
  await alice.getByLabel("Notice").fill(notice);
  await alice.getByLabel("Duration (minutes)").fill("30");
  await alice.getByRole("button", { name: "Broadcast maintenance notice" }).click();

  for (const page of [bob, carol, alice]) {
    const banner = page.getByTestId("maintenance-banner");
    await expect(banner).toContainText(notice);
    await expect(banner).toContainText(/Starts in (9|10)m/);
  }
  await screenshot(alice, "admin");

  // Persisted: a page opened afterwards shows it as well.
  const later = await carol.context().newPage();
  await later.goto("/trading");
  await expect(later.getByTestId("maintenance-banner")).toContainText(notice);

  await alice.setViewportSize({ width: 390, height: 844 });
  await screenshot(alice, "admin-390");
  for (const page of [bob, carol, alice]) await page.context().close();
});
