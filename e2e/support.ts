import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { E2E_API_KEY } from "../playwright.config";

export const DEMO_PASSWORD = "herald-demo";

export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/signin");
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

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
}
