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

  // Two alerts just either side of the price: whichever way the feed moves next, it crosses one.
  // (One target on one side could wait for a random walk that wanders away from it.)
  const current = Number(await sol.getAttribute("data-price"));
  const targets = [(current * 1.0005).toFixed(2), (current * 0.9995).toFixed(2)];
  const alerts = page.getByTestId("alerts").getByRole("row").filter({ hasText: "SOL" });
  for (const target of targets) {
    await page.getByLabel("Target price").fill(target);
    await page.getByLabel("Target price").press("Enter"); // the form submits from the keyboard
    // Listed at once (it may already have fired: the feed moves every 250 ms here).
    await expect(alerts.filter({ hasText: target })).toBeVisible();
  }

  const toast = page.locator("[data-sonner-toast]").filter({ hasText: /SOL .* your target price/ });
  await expect(toast.first()).toBeVisible({ timeout: 45_000 });
  const ours = new RegExp(targets.map((t) => t.replace(".", "\\.")).join("|"));
  await expect(alerts.filter({ hasText: "Triggered" }).filter({ hasText: ours }).first()).toBeVisible();
  await screenshot(page, "trading");

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole("button", { name: "Set alert" })).toBeVisible();
  await screenshot(page, "trading-390");
});
