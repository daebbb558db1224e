import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "@playwright/test";
import { E2E_API_KEY } from "../playwright.config";
import { DEVICE_COOKIE, TEST_DEVICE } from "../tests/support/device";

export const DEMO_PASSWORD = "herald-demo";

/** Signs in from the test runner's one "browser" (its device cookie), so no sign-in is a new device's. */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/signin");
  await page.context().addCookies([{ name: DEVICE_COOKIE, value: TEST_DEVICE, url: page.url() }]);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/dashboard");
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "connected");
}

export async function trigger(request: APIRequestContext, path: string, body: unknown) {
  const res = await request.post(path, { data: body, headers: { authorization: `Bearer ${E2E_API_KEY}` } });
  expect(res.status(), await res.text()).toBe(202);
  return (await res.json()) as { id: string };
}

export async function openStreams(request: APIRequestContext): Promise<number> {
  const res = await request.get("/api/v1/stats", { headers: { authorization: `Bearer ${E2E_API_KEY}` } });
  return ((await res.json()) as { streams: number }).streams;
}

/** One user as the server sees them: their open streams, and whether presence counts them online. */
export async function userStreams(request: APIRequestContext, email: string): Promise<{ streams: number; online: boolean }> {
  const res = await request.get(`/api/v1/stats?user=${encodeURIComponent(email)}`, { headers: { authorization: `Bearer ${E2E_API_KEY}` } });
  expect(res.status(), await res.text()).toBe(200);
  const { streams, online } = ((await res.json()) as { user: { streams: number; online: boolean } }).user;
  return { streams, online };
}

/** Counts the event-stream requests a page (or every page of a context) makes. */
export function countStreamRequests(target: Page | BrowserContext): () => number {
  let count = 0;
  target.on("request", (r) => void (new URL(r.url()).pathname === "/api/events/stream" && count++));
  return () => count;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
}

/**
 * For tests that open their own browser contexts (one per person or device): closes what they
 * opened after each test, so their streams end before the next one.
 */
export function ownContexts() {
  const open: BrowserContext[] = [];
  let streamsBefore = 0;
  test.beforeEach(async ({ request }) => {
    streamsBefore = await openStreams(request);
  });
  test.afterEach(async ({ request }) => {
    await Promise.all(open.splice(0).map((c) => c.close()));
    // Closing a context does not wait for the server to see its connections go: wait until it has,
    // so that the next test does not find these users still online.
    await expect.poll(() => openStreams(request)).toBeLessThanOrEqual(streamsBefore);
  });
  return {
    /** A page in a fresh context, signed in as `email`, on the dashboard with its stream connected. */
    async signedInPage(browser: Browser, email: string, options?: BrowserContextOptions): Promise<Page> {
      const context = await browser.newContext(options);
      open.push(context);
      const page = await context.newPage();
      await signIn(page, email);
      return page;
    },
  };
}

