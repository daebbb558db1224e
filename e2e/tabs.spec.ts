import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { E2E_API_KEY } from "../playwright.config";
import { countStreamRequests, ownContexts, screenshot, userStreams } from "./support";

const { signedInPage } = ownContexts();
const BOB = "bob@herald.test";

const feedCount = (page: Page, text: string) => page.getByTestId("event-feed").getByText(text, { exact: true }).count();
/**
 * Every toast a tab has shown, kept after it closes: a toast lives 4 s, and looking at ten tabs'
 * feeds first can take longer than that on a loaded machine (the count then read 0).
 */
function recordToasts(): void {
  const w = window as unknown as { heraldToasts?: Set<Element> };
  if (w.heraldToasts) return;
  const shown = (w.heraldToasts = new Set<Element>());
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        if (node.matches("[data-sonner-toast]")) shown.add(node);
        for (const toast of node.querySelectorAll("[data-sonner-toast]")) shown.add(toast);
      }
    }
  }).observe(document, { childList: true, subtree: true });
}
const toastCount = (page: Page, text: string) =>
  page.evaluate((t) => [...((window as unknown as { heraldToasts?: Set<Element> }).heraldToasts ?? [])].filter((el) => el.textContent?.includes(t)).length, text);
const sum = async (pages: Page[], count: (page: Page) => Promise<number>) => (await Promise.all(pages.map(count))).reduce((a, b) => a + b, 0);

async function send(request: APIRequestContext, message: string) {
  const res = await request.post("/api/v1/notifications", {
    data: { to: BOB, type: "position_update", message, data: { positionId: "42", pnl: 1.5 } },
    headers: { authorization: `Bearer ${E2E_API_KEY}` },
  });
  expect(res.status(), await res.text()).toBe(202);
  return (await res.json()) as { id: string; deliveries: { channel: string; status: string }[] };
}

test("ten tabs of bob's browser share one stream; when the leading tab closes, the next takes over and nothing is lost or doubled", async ({
  browser,
  request,
}) => {
  const first = await signedInPage(browser, BOB);
  const context = first.context();
  await context.addInitScript(recordToasts);
  await first.evaluate(recordToasts);
  // Every "seen" report any tab sends (POST /api/events/seen {ids}).
  const seenReports: string[] = [];
  context.on("request", (r) => {
    if (new URL(r.url()).pathname === "/api/events/seen") seenReports.push(...(r.postDataJSON() as { ids: string[] }).ids);
  });
  const timesSeen = (id: string) => seenReports.filter((x) => x === id).length;
  const tabs = [first];
  for (let i = 1; i < 10; i++) {
    const page = await context.newPage();
    await page.goto("/dashboard");
    tabs.push(page);
  }
  for (const tab of tabs) await expect(tab.getByTestId("connection-state")).toHaveAttribute("data-state", "connected");
  await expect.poll(async () => (await userStreams(request, BOB)).streams).toBe(1);
  const leaders = async (pages: Page[]) => {
    const roles = await Promise.all(pages.map((t) => t.getByTestId("connection-state").getAttribute("data-role")));
    return pages.filter((_, i) => roles[i] === "leader");
  };
  expect(await leaders(tabs)).toHaveLength(1);

  // An event through the trigger API reaches every tab, once each, and one tab toasts it.
  const hello = `Ten tabs, one stream ${Date.now()}`;
  const { id: helloId } = await send(request, hello);
  for (const tab of tabs) await expect(tab.getByTestId("event-feed").getByText(hello, { exact: true })).toHaveCount(1);
  await expect.poll(() => sum(tabs, (t) => toastCount(t, hello))).toBe(1);
  await expect.poll(() => timesSeen(helloId)).toBe(1); // reported seen by the tab that showed it
  expect((await userStreams(request, BOB)).streams).toBe(1);
  await screenshot(tabs[3]!, "tabs-follower");

  // The leading tab closes. Its successor's stream request is held until an event has been stored
  // while bob has no stream at all: presence still counts him online, and replay brings the event.
  const [leader] = await leaders(tabs);
  const rest = tabs.filter((t) => t !== leader);
  const streamRequests = countStreamRequests(context);
  let duringHandOver: Awaited<ReturnType<typeof send>> | null = null;
  const during = `Sent during the hand-over ${Date.now()}`;
  await context.route(
    "**/api/events/stream**",
    async (route) => {
      await expect.poll(async () => (await userStreams(request, BOB)).streams).toBe(0);
      duringHandOver = await send(request, during);
      await route.continue();
    },
    { times: 1 },
  );
  await leader!.close();
  await expect.poll(() => duringHandOver).not.toBeNull();
  // Not treated as away: delivered on the stream (by replay), no offline channel planned.
  expect(duringHandOver!.deliveries.map((d) => `${d.channel}:${d.status}`)).toEqual(["sse:sent"]);

  for (const tab of rest) await expect(tab.getByTestId("event-feed").getByText(during, { exact: true })).toHaveCount(1);
  await expect.poll(async () => (await userStreams(request, BOB)).streams).toBe(1);
  await expect.poll(async () => (await leaders(rest)).length).toBe(1);
  expect(streamRequests()).toBe(1);

  const after = `After the hand-over ${Date.now()}`;
  const { id: afterId } = await send(request, after);
  for (const tab of rest) {
    await expect(tab.getByTestId("event-feed").getByText(after, { exact: true })).toHaveCount(1);
    await expect(tab.getByTestId("connection-state")).toHaveAttribute("data-state", "connected");
  }
  await expect.poll(() => sum(rest, (t) => toastCount(t, after))).toBe(1);
  for (const text of [hello, during]) expect(await sum(rest, (t) => feedCount(t, text))).toBe(rest.length);
  await expect.poll(() => timesSeen(duringHandOver!.id)).toBe(1);
  await expect.poll(() => timesSeen(afterId)).toBe(1);
  expect(timesSeen(helloId)).toBe(1);
});

test("the admin's list of who is online keeps bob while his tabs hand the stream over", async ({ browser, request }) => {
  const bob = await signedInPage(browser, BOB);
  const second = await bob.context().newPage();
  await second.goto("/notifications");
  await expect(second.getByTestId("connection-state")).toHaveAttribute("data-role", "follower");
  const alice = await signedInPage(browser, "alice@herald.test");

  // Hold the follower's take-over until alice has looked: bob has no stream open then.
  let looked!: () => void;
  const aliceLooked = new Promise<void>((resolve) => (looked = resolve));
  await bob.context().route("**/api/events/stream**", async (route) => {
    await aliceLooked;
    await route.continue();
  }, { times: 1 });
  await bob.close();
  await expect.poll(async () => userStreams(request, BOB)).toEqual({ streams: 0, online: true });
  await alice.goto("/admin");
  await expect(alice.getByTestId("online-users")).toContainText("Bob");
  looked();
  await expect(second.getByTestId("connection-state")).toHaveAttribute("data-role", "leader");
  await expect.poll(async () => userStreams(request, BOB)).toEqual({ streams: 1, online: true });
});
