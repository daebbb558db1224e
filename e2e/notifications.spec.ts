import { expect, test } from "@playwright/test";
import { ownContexts, screenshot, trigger } from "./support";

const { signedInPage } = ownContexts();

test("bob's unread count rises live, mark-all-read sets it to 0, and it stays 0 after reload and in a second tab", async ({
  browser,
  request,
}) => {
  const page = await signedInPage(browser, "bob@herald.test");
  const count = page.getByTestId("unread-count");
  await expect(count).toHaveAttribute("data-count", /^\d+$/);
  const before = Number(await count.getAttribute("data-count"));

  for (const profit of [150.5, 75.25]) {
    await trigger(request, "/api/v1/notifications", {
      to: "bob@herald.test",
      type: "trading_alert",
      message: `Take profit reached: +${profit}`,
      data: { symbol: "SOL/USDT", profit },
    });
  }
  await expect(count).toHaveAttribute("data-count", String(before + 2));
  // The toast is announced: sonner renders it inside an aria-live region.
  await expect(page.locator("[aria-live] [data-sonner-toast]").filter({ hasText: "Take profit reached: +75.25" })).toBeVisible();

  const second = await page.context().newPage();
  await second.goto("/notifications");
  await expect(second.getByTestId("connection-state")).toHaveAttribute("data-state", "connected");
  await expect(second.getByTestId("unread-count")).toHaveAttribute("data-count", String(before + 2));
  await expect(second.getByTestId("inbox")).toContainText("Take profit reached: +150.5");

  await page.getByTestId("notification-bell").click();
  await page.waitForURL("**/notifications");
  await page.getByRole("button", { name: "Mark all read" }).click();
  await expect(page.getByTestId("unread-count")).toHaveAttribute("data-count", "0");
  await expect(page.getByTestId("inbox-unread")).toHaveText("All caught up");
  // The other tab follows without a reload.
  await expect(second.getByTestId("unread-count")).toHaveAttribute("data-count", "0");
  await expect(second.locator(".inbox-item.unread")).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId("unread-count")).toHaveAttribute("data-count", "0");
  await expect(page.locator(".inbox-item.unread")).toHaveCount(0);
  await second.reload();
  await expect(second.getByTestId("unread-count")).toHaveAttribute("data-count", "0");
  await screenshot(page, "notifications");
});

test("on a phone-sized screen the app has no sideways scroll and its controls are keyboard reachable", async ({ browser }) => {
  const page = await signedInPage(browser, "carol@herald.test", { viewport: { width: 390, height: 844 } });
  for (const path of ["/dashboard", "/social", "/notifications"]) {
    await page.goto(path);
    await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "connected");
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${path} scrolls sideways`).toBeLessThanOrEqual(390);
  }
  // From the top of the page, Tab reaches the bell; Enter opens the notification center.
  await page.goto("/dashboard");
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "connected");
  let focused = "";
  for (let i = 0; i < 15 && focused !== "notification-bell"; i++) {
    await page.keyboard.press("Tab");
    focused = await page.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? "");
  }
  expect(focused).toBe("notification-bell");
  await page.keyboard.press("Enter");
  await page.waitForURL("**/notifications");
});
