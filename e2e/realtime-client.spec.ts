import { expect, test } from "@playwright/test";
import { ownContexts, trigger } from "./support";

const { signedInPage } = ownContexts();

test("when bob's network drops the indicator says so, and what was sent meanwhile arrives once when it is back", async ({
  browser,
  request,
}) => {
  const page = await signedInPage(browser, "bob@herald.test");
  const state = page.getByTestId("connection-state");

  await page.context().setOffline(true);
  await expect(state).toHaveAttribute("data-state", "offline");
  await expect(state).toHaveText(/Offline/);
  const stamp = Date.now();
  await trigger(request, "/api/v1/notifications", {
    to: "bob@herald.test",
    type: "position_update",
    message: `Position closed while offline (${stamp})`,
    data: { positionId: "456", pnl: 75.25 },
  });

  await page.context().setOffline(false);
  await expect(state).toHaveAttribute("data-state", "connected");
  const feed = page.getByTestId("event-feed");
  await expect(feed).toContainText(`Position closed while offline (${stamp})`);
  await expect(feed.getByText(`Position closed while offline (${stamp})`)).toHaveCount(1);
});

test("signing out in one tab signs out the other tab too", async ({ browser }) => {
  const first = await signedInPage(browser, "carol@herald.test");
  const second = await first.context().newPage();
  await second.goto("/social");
  await expect(second.getByTestId("connection-state")).toHaveAttribute("data-state", "connected");

  await first.getByRole("button", { name: "Sign out" }).click();
  await first.waitForURL("**/signin");
  await second.waitForURL("**/signin");
});
