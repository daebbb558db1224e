import "server-only";
// The signed-in frame of one request, read once (React `cache`) and in this order: the user, the
// cursor of the stored events (docs/reliability.md, "The cursor"), then, in the page, its data, so
// whatever commits later reaches the page on the stream. Every page awaits it before reading its
// data: a layout is not re-run on client navigation.
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
