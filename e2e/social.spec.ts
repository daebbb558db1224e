import { expect, test, type Browser, type Page } from "@playwright/test";
import { ownContexts, screenshot } from "./support";

const { signedInPage } = ownContexts();

async function openSocial(browser: Browser, email: string): Promise<Page> {
  const page = await signedInPage(browser, email);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Social" }).click();
  await page.waitForURL("**/social");
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "connected");
  return page;
}

const room = (page: Page) => page.getByTestId("chat-room-trading");

async function say(page: Page, text: string): Promise<void> {
  await room(page).getByRole("textbox", { name: "Message Trading Room" }).fill(text);
  await room(page).getByRole("button", { name: "Send", exact: true }).click();
}

test("alice and bob chat in the Trading Room and each sees the other's message live", async ({ browser }) => {
  const alice = await openSocial(browser, "alice@herald.test");
  const bob = await openSocial(browser, "bob@herald.test");
  // History on load, for both.
  for (const page of [alice, bob]) await expect(room(page).getByTestId("chat-log")).toContainText("SOL looking bullish today.");

  const stamp = Date.now();
  await say(alice, `Hi Bob, SOL at 180? (${stamp})`);
  await expect(room(bob).getByTestId("chat-log")).toContainText(`Hi Bob, SOL at 180? (${stamp})`);

  // Markup is shown as text, never run or rendered.
  const markup = `<img src=x onerror="document.body.dataset.pwned='1'"> <b>bold</b> ${stamp}`;
  await say(bob, markup);
  await expect(room(alice).getByTestId("chat-log")).toContainText(markup);
  await expect(room(alice).locator("img, b")).toHaveCount(0);
  expect(await alice.evaluate(() => document.body.dataset.pwned)).toBeUndefined();
  // Each message appears once for its sender too (the action's answer and the live event agree).
  await expect(room(bob).getByText(markup)).toHaveCount(1);
  await screenshot(bob, "social");
});

test("the chat explains why an overlong message or a flood of messages is refused", async ({ browser }) => {
  const carol = await openSocial(browser, "carol@herald.test");
  await say(carol, "x".repeat(501));
  await expect(room(carol).getByRole("alert")).toHaveText("Messages are limited to 500 characters");

  for (let i = 1; i <= 5; i++) {
    await say(carol, `flood ${i}`);
    await expect(room(carol).getByTestId("chat-log")).toContainText(`flood ${i}`);
  }
  await say(carol, "flood 6");
  await expect(room(carol).getByRole("alert")).toContainText("You're sending messages too fast");
  // The refused text is given back, not lost.
  await expect(room(carol).getByRole("textbox", { name: "Message Trading Room" })).toHaveValue("flood 6");
  await expect(room(carol).getByTestId("chat-log")).not.toContainText("flood 6");
});

test("alice sends carol a friend request and carol accepts it live", async ({ browser }) => {
  // Carol and Alice are not friends in the demo seed.
  const alice = await openSocial(browser, "alice@herald.test");
  const carol = await openSocial(browser, "carol@herald.test");
  await alice.getByRole("textbox", { name: "Friend's email" }).fill("carol@herald.test");
  await alice.getByRole("button", { name: "Add friend" }).click();
  await expect(alice.getByTestId("friends")).toContainText("Sent: Carol");

  await carol.getByRole("button", { name: "Accept Alice" }).click();
  await expect(carol.getByTestId("friends")).toContainText("Alice");
  await expect(carol.getByRole("button", { name: "Accept Alice" })).toHaveCount(0);
  await expect(alice.getByTestId("friends").getByRole("listitem").filter({ hasText: "Carol" })).toBeVisible();

  await alice.getByRole("textbox", { name: "Friend's email" }).fill("carol@herald.test");
  await alice.getByRole("button", { name: "Add friend" }).click();
  await expect(alice.getByTestId("friends").getByRole("alert")).toHaveText("You and Carol are already friends");
});
