// Reading the dev outbox (/admin/outbox) as an admin would: the captured messages, newest first,
// with their links. How a test follows a captured verification or reset link, on either database.
import type { Session } from "./client";

export type Captured = { channel: string; destination: string; text: string; links: string[] };

const decode = (html: string) =>
  html.replace(/<[^>]+>/g, "").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#x27;/g, "'");

export async function capturedMessages(admin: Session): Promise<Captured[]> {
  const res = await admin.fetch("/admin/outbox");
  if (res.status !== 200) throw new Error(`the outbox answered ${res.status}`);
  const html = await res.text();
  return html
    .split('data-testid="captured-message"')
    .slice(1)
    .map((card) => ({
      channel: /data-channel="([^"]*)"/.exec(card)?.[1] ?? "",
      destination: decode(/data-destination="([^"]*)"/.exec(card)?.[1] ?? ""),
      text: decode(card),
      links: [...card.matchAll(/href="(https?:\/\/[^"]+)"/g)].map((m) => decode(m[1]!)),
    }));
}

/** Waits for the newest captured message to `destination` that matches, and returns it. */
export async function waitForCaptured(admin: Session, destination: string, match: (m: Captured) => boolean = () => true, timeoutMs = 15_000): Promise<Captured> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await capturedMessages(admin)).find((m) => m.destination === destination && match(m));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`nothing captured for ${destination} in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** The link in the newest captured account email to `email` whose path is `path`. */
export async function capturedLink(admin: Session, email: string, path: "/verify-email" | "/reset-password" | "/signin", after: string[] = []): Promise<string> {
  const message = await waitForCaptured(admin, email, (m) => m.links.some((l) => new URL(l).pathname === path && !after.includes(l)));
  return message.links.find((l) => new URL(l).pathname === path)!;
}
