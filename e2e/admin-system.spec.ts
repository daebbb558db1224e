import { expect, test } from "@playwright/test";
import { ownContexts, screenshot, trigger } from "./support";

const people = ownContexts();

test("alice watches /admin/system: a broadcast moves the delivered-per-second chart, live over her own stream", async ({ browser, request }) => {
  const bob = await people.signedInPage(browser, "bob@herald.test");
  const alice = await people.signedInPage(browser, "alice@herald.test");
  await alice.goto("/admin");
  await alice.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "System" }).click();
  await expect(alice).toHaveURL(/\/admin\/system$/);

  // Samples arrive as system_stats events once a second while the page holds its lease.
  const delivered = alice.getByTestId("chart-delivered");
  await expect.poll(async () => Number(await delivered.getAttribute("data-points"))).toBeGreaterThanOrEqual(2);
  await expect(alice.getByTestId("status-bus")).toHaveAttribute("data-state", "connected");
  await expect(alice.getByTestId("status-database")).toHaveAttribute("data-state", "ok");
  await expect(alice.getByTestId("status-sms")).toHaveAttribute("data-state", "captured");
  await expect(alice.getByTestId("chart-streams-latest")).toHaveText(/^[1-9]\d*$/);

  // Three broadcasts to two open streams (alice's and bob's): at least six more frames delivered.
  const before = Number(await delivered.getAttribute("data-total"));
  for (const n of [1, 2, 3]) await trigger(request, "/api/v1/broadcasts", { type: "feature_announcement", message: `Chart check ${n}` });
  await expect(bob.getByText("Chart check 3").first()).toBeVisible();
  await expect.poll(async () => Number(await delivered.getAttribute("data-total"))).toBeGreaterThanOrEqual(before + 6);
  await expect(alice.getByTestId("chart-delivered-latest")).toHaveText(/^\d+(\.\d+)?$/);
  await screenshot(alice, "admin-system");
});
