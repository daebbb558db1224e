import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./support";

test("bob upgrades an NFT, watches the progress bar reach 100 (also across a reload) and the collection update in place", async ({ page }) => {
  test.setTimeout(90_000); // an upgrade takes 10 steps of the e2e server's 2 s
  await signIn(page, "bob@herald.test");
  await page.goto("/nft");
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "connected");

  const card = page.getByTestId("nft-nft_bob_2");
  await expect(card.getByTestId("nft-level")).toHaveText("Level 1");
  // By keyboard: Tab from the previous card's button reaches this one, Enter presses it.
  await page.getByRole("button", { name: "Upgrade Nebula #1042 to level 3" }).focus();
  await page.keyboard.press("Tab");
  const upgrade = card.getByRole("button", { name: "Upgrade Aurora #2210 to level 2" });
  await expect(upgrade).toBeFocused();
  await page.keyboard.press("Enter");

  const bar = page.getByRole("progressbar", { name: "Upgrade progress for Aurora #2210" });
  const progress = async () => Number(await bar.getAttribute("aria-valuenow"));
  // The first confirmation step arrives live; the e2e server's step (HERALD_NFT_STEP_MS, 2 s in
  // playwright.config.ts: no other spec runs a job) leaves at least 8 more, ~16 s, for the reload.
  await expect.poll(progress, { intervals: [50], timeout: 15_000 }).toBeGreaterThan(0);
  const before = await progress();
  expect(before).toBeLessThan(100);

  // A reload mid-upgrade shows it where it stands and keeps following it live to 100.
  await page.reload();
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "connected");
  await expect(bar).toBeVisible();
  expect(await progress()).toBeGreaterThanOrEqual(before);
  expect(await progress()).toBeLessThan(100);
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  await expect.poll(progress, { intervals: [50], timeout: 40_000 }).toBe(100);
  await expect(page.locator("[data-sonner-toast]").filter({ hasText: "Your NFT upgrade is complete!" })).toBeVisible();
  await expect(card.getByTestId("nft-level")).toHaveText("Level 2");
  await expect(page.getByTestId("badges")).toContainText("First Upgrade");
  // The collection changed in place, without a navigation.
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  await screenshot(page, "nft");

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(card.getByRole("button", { name: "Upgrade Aurora #2210 to level 3" })).toBeVisible();
  await screenshot(page, "nft-390");
});
