import "server-only";
// The signed-in frame of one request, read once (React `cache`) and in one order: the user, then
// the cursor of the stored events (the newest id and the oldest transaction still open, read in
// one snapshot: lib/events/cursor.ts), then — in the page — its data. Whatever was not committed
// by then reaches the page on the stream, so nothing falls between the page and the stream. A
// layout and its page render concurrently and a layout is not re-run on client navigation: the
// layout takes the cursor for the stream, and every page awaits this before reading its data (and
// so also checks the user on each navigation).
import { redirect } from "next/navigation";
import { cache } from "react";
import { requireUserPage } from "@/lib/auth/viewer";
import { latestCursor } from "@/lib/realtime/replay";

export const signedIn = cache(async () => {
  const user = await requireUserPage();
  const { cursor } = await latestCursor();
  return { user, cursor };
});

/** The same frame for an admin; others are sent back to the dashboard. */
export async function signedInAdmin() {
  const frame = await signedIn();
  if (frame.user.role !== "ADMIN") redirect("/dashboard?denied=admin");
  return frame;
}
