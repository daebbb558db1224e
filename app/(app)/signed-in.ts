import "server-only";
// The signed-in frame of one request, read once (React `cache`) and in one order: the user, then
// the newest event id, then — in the page — its data. Whatever is stored after that id reaches the
// page on the stream, so nothing falls between the page and the stream. A layout and its page
// render concurrently and a layout is not re-run on client navigation: the layout takes the
// cursor for the stream, and every page awaits this before reading its data (and so also checks
// the user on each navigation).
import { redirect } from "next/navigation";
import { cache } from "react";
import { requireUserPage } from "@/lib/auth/viewer";
import { latestEventId } from "@/lib/realtime/replay";

export const signedIn = cache(async () => {
  const user = await requireUserPage();
  const cursor = await latestEventId();
  return { user, cursor };
});

/** The same frame for an admin; others are sent back to the dashboard. */
export async function signedInAdmin() {
  const frame = await signedIn();
  if (frame.user.role !== "ADMIN") redirect("/dashboard?denied=admin");
  return frame;
}
