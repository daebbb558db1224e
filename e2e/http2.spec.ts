// The shipped proxy configuration (deploy/Caddyfile, started by scripts/https-proxy.mjs) in front
// of the suite's server: the browser gets the page and the event stream over HTTP/2, and events
// arrive through it. Needs Caddy (`.ci/run` installs it from Debian); skipped, saying so, without.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { expect, test } from "@playwright/test";
import { E2E_API_KEY } from "../playwright.config";
import { freePort } from "../tests/support/free-port";
import { DEMO_PASSWORD, screenshot } from "./support";

const caddy = process.env.CADDY_BIN || "caddy";
const hasCaddy = spawnSync(caddy, ["version"]).status === 0;

let proxy: ChildProcess | null = null;
let origin = "";

test.beforeAll(async ({}, testInfo) => {
  test.skip(!hasCaddy, `Caddy is not installed (${caddy}): apt-get install caddy, or set CADDY_BIN, to run the HTTP/2 proxy test`);
  const upstream = new URL(testInfo.project.use.baseURL!).host;
  const port = await freePort();
  origin = `https://127.0.0.1:${port}`;
  proxy = spawn(process.execPath, ["scripts/https-proxy.mjs", "--upstream", upstream, "--port", String(port)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    proxy!.stdout!.on("data", (d) => {
      output += d;
      if (output.includes(`https://localhost:${port} (HTTP/2`)) resolve();
    });
    proxy!.stderr!.on("data", (d) => (output += d));
    proxy!.on("exit", (code) => reject(new Error(`the proxy exited (${code}):\n${output}`)));
  });
});

test.afterAll(async () => {
  if (!proxy || proxy.exitCode !== null) return;
  const exited = new Promise((resolve) => proxy!.once("exit", resolve));
  proxy.kill("SIGTERM");
  await exited;
});

test("through the shipped proxy the page and the event stream are HTTP/2, and an event arrives", async ({ browser }) => {
  // Caddy's internal certificate authority is not trusted by this browser: accept it for the test.
  const context = await browser.newContext({ baseURL: origin, ignoreHTTPSErrors: true });
  const page = await context.newPage();
  // The stream never ends, so it has no resource-timing entry while open: the protocol it was
  // served with is read from the browser's network events instead.
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  const streams: { protocol?: string; headers: Record<string, string> }[] = [];
  cdp.on("Network.responseReceived", (e) => {
    if (new URL(e.response.url).pathname === "/api/events/stream") streams.push({ protocol: e.response.protocol, headers: e.response.headers });
  });

  await page.goto("/signin");
  await page.getByLabel("Email").fill("bob@herald.test");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${origin}/dashboard`);
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "connected");

  expect(await page.evaluate(() => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).nextHopProtocol)).toBe("h2");
  expect(streams).toHaveLength(1);
  expect(streams[0]!.protocol).toBe("h2");
  const headers = Object.fromEntries(Object.entries(streams[0]!.headers).map(([k, v]) => [k.toLowerCase(), v]));
  expect(headers["content-type"]).toContain("text/event-stream");
  expect(headers).not.toHaveProperty("connection");

  const message = `Through HTTP/2 ${Date.now()}`;
  const res = await context.request.post("/api/v1/notifications", {
    data: { to: "bob@herald.test", type: "price_alert", message, data: { symbol: "SOL", price: 200 } },
    headers: { authorization: `Bearer ${E2E_API_KEY}` },
  });
  expect(res.status(), await res.text()).toBe(202);
  await expect(page.getByTestId("event-feed").getByText(message)).toHaveCount(1);
  await expect(page.locator("[data-sonner-toast]").filter({ hasText: message })).toBeVisible();
  // Every other request of the page went over the same protocol.
  const others = await page.evaluate(() => (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).map((r) => r.nextHopProtocol));
  expect(others.length).toBeGreaterThan(0);
  expect(new Set(others)).toEqual(new Set(["h2"]));
  await screenshot(page, "http2-dashboard");

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(`${origin}/signin`);
  await context.close();
});
