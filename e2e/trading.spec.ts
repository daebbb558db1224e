import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./support";

test("bob sets a price alert and gets its toast when the live feed crosses it", async ({ page }) => {
  await signIn(page, "bob@herald.test");
  await page.goto("/trading");
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "connected");

  // The feed is live on this page: the SOL price moves and the chart grows.
  const sol = page.getByTestId("price-SOL");
  const first = await sol.getAttribute("data-price");
  await expect.poll(() => sol.getAttribute("data-price")).not.toBe(first);
  // The chart redraws as ticks arrive (its summary names the latest price).
  const chart = page.getByTestId("price-chart");
  const drawn = await chart.getAttribute("aria-label");
  await expect.poll(() => chart.getAttribute("aria-label")).not.toBe(drawn);
  expect(Number(await chart.getAttribute("data-points"))).toBeGreaterThan(1);

  const current = Number(await sol.getAttribute("data-price"));
  const target = (current * 1.001).toFixed(2);
  await page.getByLabel("Target price").fill(target);
  await page.getByLabel("Target price").press("Enter"); // the form submits from the keyboard
  // Listed at once (it may already have fired: the feed moves every 250 ms here).
  const row = page.getByTestId("alerts").getByRole("row").filter({ hasText: `SOL` }).filter({ hasText: target });
  await expect(row).toBeVisible();

  const toast = page.locator("[data-sonner-toast]").filter({ hasText: /SOL .* your target price/ });
  await expect(toast).toBeVisible({ timeout: 45_000 });
  await expect(row).toContainText("Triggered");
  await screenshot(page, "trading");

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole("button", { name: "Set alert" })).toBeVisible();
  await screenshot(page, "trading-390");
});
