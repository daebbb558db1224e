import { expect, test } from "@playwright/test";
import { openStreams, screenshot, signIn, trigger } from "./support";

test("bob sees a toast for an event sent through the trigger API, and signing out closes his stream", async ({ page, request }) => {
  await signIn(page, "bob@herald.test");
  await screenshot(page, "signin-done-dashboard");

  await trigger(request, "/api/v1/notifications", {
    to: "bob@herald.test",
    type: "nft_upgrade_completed",
    message: "Your NFT upgrade is complete!",
    data: { upgradeId: "123", level: 4 },
  });
  const toast = page.locator("[data-sonner-toast]").filter({ hasText: "Your NFT upgrade is complete!" });
  await expect(toast).toBeVisible();
  await expect(page.getByTestId("event-feed")).toContainText("Your NFT upgrade is complete!");
  await screenshot(page, "dashboard");
  expect(await openStreams(request)).toBe(1);

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL("**/signin");
  await expect.poll(() => openStreams(request)).toBe(0);
  await screenshot(page, "signin");
});
