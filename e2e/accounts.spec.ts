import { expect, test } from "@playwright/test";
import { ownContexts, screenshot } from "./support";

const contexts = ownContexts();

test("a newcomer signs up, confirms their address through the dev outbox link, and sees their dashboard", async ({ browser }) => {
  const newcomer = await (await browser.newContext()).newPage();
  await newcomer.goto("/signin");
  await newcomer.getByRole("link", { name: "Create an account" }).click();
  await expect(newcomer).toHaveURL(/\/signup$/);

  // Clear field errors first.
  const form = newcomer.getByRole("form", { name: "Sign up" });
  await form.getByLabel("Name", { exact: true }).fill("Nia");
  await form.getByLabel("Email").fill("nia@");
  await form.getByLabel("Password").fill("short");
  await form.getByLabel("Phone for SMS alerts (optional)").fill("555-0100");
  await form.getByRole("button", { name: "Create account" }).click();
  await expect(form.getByText("Enter a valid email address")).toBeVisible();
  await expect(form.getByText("Use at least 8 characters")).toBeVisible();
  await expect(form.getByText("use international format, e.g. +15551234567")).toBeVisible();
  await screenshot(newcomer, "signup");

  await form.getByLabel("Email").fill("nia@example.test");
  await form.getByLabel("Password").fill("nia-password-1");
  await form.getByLabel("Phone for SMS alerts (optional)").fill("");
  await form.getByRole("button", { name: "Create account" }).click();
  await expect(newcomer.getByTestId("signup-sent")).toContainText("nia@example.test");

  // No email provider here: the message is captured. The outbox is an admin's page, so Alice (the
  // demo admin, in her own browser) opens it, as the developer running Herald would.
  const alice = await contexts.signedInPage(browser, "alice@herald.test");
  await alice.goto("/admin/outbox");
  const email = alice.locator('[data-testid="captured-message"][data-destination="nia@example.test"]');
  await expect(async () => {
    await alice.reload();
    await expect(email).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(email).toContainText("Confirm your email address for Herald");
  const link = await email.getByRole("link", { name: /\/verify-email\?token=/ }).getAttribute("href");

  await newcomer.goto(link!);
  await expect(newcomer).toHaveURL(/\/signin\?verified=1$/);
  await expect(newcomer.getByRole("status")).toHaveText("Your email address is confirmed: sign in.");
  await newcomer.getByLabel("Email").fill("nia@example.test");
  await newcomer.getByLabel("Password").fill("nia-password-1");
  await newcomer.getByRole("button", { name: "Sign in" }).click();
  await newcomer.waitForURL("**/dashboard");
  await expect(newcomer.getByTestId("connection-state")).toHaveAttribute("data-state", "connected");
  await expect(newcomer.locator(".who")).toHaveText("Nia");
  await newcomer.context().close();
});
