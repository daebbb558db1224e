import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./support";

test("bob upgrades an NFT, watches the progress bar reach 100 (also across a reload) and the collection update in place", async ({ page }) => {
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
  const seen = new Set<number>();
  const progress = async () => {
    const value = Number(await bar.getAttribute("aria-valuenow"));
    seen.add(value);
    return value;
  };
  await expect.poll(progress, { intervals: [50], timeout: 15_000 }).toBeGreaterThanOrEqual(20);

  // A reload mid-upgrade shows it where it stands and keeps following it. The simulator does not
  // wait for the page: if the upgrade finished while the page reloaded (a slow machine), the
  // reloaded page shows it done instead, and the live part is not there to check.
  const before = await progress();
  await page.reload();
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "connected");
  const stillRunning = await bar.isVisible();
  if (stillRunning) {
    expect(await progress()).toBeGreaterThanOrEqual(before);
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    await expect.poll(progress, { intervals: [50], timeout: 15_000 }).toBe(100);
    await expect(page.locator("[data-sonner-toast]").filter({ hasText: "Your NFT upgrade is complete!" })).toBeVisible();
  }
  expect([...seen].some((v) => v > 0 && v < 100), `saw ${[...seen]}`).toBe(true);
  await expect(card.getByTestId("nft-level")).toHaveText("Level 2");
  await expect(page.getByTestId("badges")).toContainText("First Upgrade");
  // The collection changed without a navigation.
  if (stillRunning) expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  await screenshot(page, "nft");

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(card.getByRole("button", { name: "Upgrade Aurora #2210 to level 3" })).toBeVisible();
  await screenshot(page, "nft-390");
});
