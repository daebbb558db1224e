import { expect, test } from "@playwright/test";
import { countStreamRequests, screenshot, signIn, trigger, userStreams } from "./support";

test("bob clicks through every section and back on one stream, and an event sent mid-way shows once", async ({ page, request }) => {
  const streamRequests = countStreamRequests(page);
  await signIn(page, "bob@herald.test");
  expect(streamRequests()).toBe(1);
  await expect.poll(async () => (await userStreams(request, "bob@herald.test")).streams).toBe(1);

  const nav = page.getByRole("navigation", { name: "Main" });
  const message = `Mid-way alert ${Date.now()}`;
  const sections = [
    { link: "NFTs", path: "/nft", heading: "Your NFTs" },
    { link: "Trading", path: "/trading", heading: "Trading" },
    { link: "Social", path: "/social", heading: "Social" },
    { link: "Notifications", path: "/notifications", heading: "Notifications" },
    { link: "Settings", path: "/settings", heading: "Settings" },
    { link: "Dashboard", path: "/dashboard", heading: "Hello, Bob" },
  ];
  for (const section of sections) {
    await nav.getByRole("link", { name: section.link }).click();
    await page.waitForURL(`**${section.path}`);
    await expect(page.getByRole("heading", { level: 1, name: section.heading })).toBeVisible();
    await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "connected");
    expect((await userStreams(request, "bob@herald.test")).streams, `streams on ${section.path}`).toBe(1);

    if (section.path === "/trading") {
      await trigger(request, "/api/v1/notifications", {
        to: "bob@herald.test",
        type: "position_update",
        message,
        data: { positionId: "789", pnl: 12.5 },
      });
      await expect(page.locator("[data-sonner-toast]").filter({ hasText: message })).toHaveCount(1);
    }
    if (section.path === "/notifications") await expect(page.getByTestId("inbox").getByText(message)).toHaveCount(1);
  }
  // Back on the dashboard: the event is among the recent ones, once; still one stream, never reopened.
  await expect(page.getByTestId("dashboard-recent").getByText(message)).toHaveCount(1);
  await expect(page.getByRole("main").getByText(message)).toHaveCount(1);
  await screenshot(page, "navigation-one-stream");
  expect(streamRequests()).toBe(1);
  expect((await userStreams(request, "bob@herald.test")).streams).toBe(1);

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL("**/signin");
});

test("an event that reaches the tab while the next page is on its way is on that page when it shows", async ({ page, request }) => {
  await signIn(page, "bob@herald.test");
  // From a page that does not re-read its data on events (the dashboard does, which would restart
  // the navigation after the event).
  await page.goto("/settings");
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "connected");
  const message = `Position closed during bob's click ${Date.now()}`;
  // The notification center is rendered on the server (its cursor and data read), then held: the
  // event is stored after its data and reaches the tab on the open stream before the page mounts.
  let held = false;
  await page.route(
    (url) => url.pathname === "/notifications" && url.searchParams.has("_rsc"),
    async (route) => {
      // Link prefetches pass; the navigation's own request is the one held.
      if (held || route.request().headers()["next-router-prefetch"]) return route.continue();
      held = true;
      const rendered = await route.fetch();
      await trigger(request, "/api/v1/notifications", {
        to: "bob@herald.test",
        type: "position_update",
        message,
        data: { positionId: "321", pnl: -4.5 },
      });
      await expect(page.locator("[data-sonner-toast]").filter({ hasText: message })).toBeVisible();
      await route.fulfill({ response: rendered });
    },
  );
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Notifications" }).click();
  await page.waitForURL("**/notifications");
  await expect(page.getByTestId("inbox").getByText(message)).toHaveCount(1);
  expect(held).toBe(true);
});
