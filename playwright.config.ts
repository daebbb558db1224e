// End-to-end tests in the system's Chromium (Debian's /usr/bin/chromium; Playwright's own browser
// download is not reachable here) against the production build on a fresh embedded database.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);
export const E2E_API_KEY = "e2e-api-key-0123456789";
// Evaluated again in each worker; only the main process starts the server, so one folder is used.
process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "herald-e2e-"));

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    command: `node node_modules/next/dist/bin/next start -p ${port}`,
    url: `http://127.0.0.1:${port}/api/health`,
    // E2E_REUSE_SERVER=1 runs the specs against a server you started yourself (to watch its logs).
    reuseExistingServer: !!process.env.E2E_REUSE_SERVER,
    timeout: 120_000,
    stdout: "pipe",
    env: {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      HERALD_DATA_DIR: process.env.E2E_DATA_DIR,
      HERALD_API_KEY: E2E_API_KEY,
      HERALD_OFFLINE_GRACE_MS: "2000",
      // Longer than any hand-over a test holds open on purpose (e2e/tabs.spec.ts), so none races it;
      // specs that need a user away wait for presence to say so (userStreams).
      HERALD_PRESENCE_LINGER_MS: "10000",
      HERALD_OUTBOX_POLL_MS: "250",
      HERALD_NFT_STEP_MS: "500",
      HERALD_PRICE_TICK_MS: "250",
      ...(process.env.HERALD_DIST_DIR ? { HERALD_DIST_DIR: process.env.HERALD_DIST_DIR } : {}),
    },
  },
});
