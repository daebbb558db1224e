import type { NextRequest } from "next/server";
import { getViewer } from "@/lib/auth/viewer";
import { stopping } from "@/lib/boot";
import { errorResponse, HeraldError } from "@/lib/errors";
import { requestIdOf } from "@/lib/log";
import { openEventStream } from "@/lib/realtime/stream";
import { cursorOf } from "@/lib/validations/stream";

export const dynamic = "force-dynamic";

/** The one SSE stream of every real-time event for the signed-in user. */
export async function GET(req: NextRequest) {
  try {
    // A stopping process takes no new stream (it would hold the shutdown open): come back elsewhere.
    if (stopping()) throw new HeraldError("unavailable", "This server is stopping; reconnect in a moment", { headers: { "Retry-After": "1" } });
    const viewer = await getViewer();
    if (!viewer) throw new HeraldError("unauthorized", "Sign in to open the event stream");
    // A browser's reconnect sends Last-Event-ID; a page load passes the cursor it was rendered at.
    const cursor = cursorOf(req.headers.get("last-event-id") ?? req.nextUrl.searchParams.get("lastEventId"));
    return await openEventStream({ viewer: { userId: viewer.id, sid: viewer.sid, expiresAt: viewer.expiresAt }, cursor, signal: req.signal });
  } catch (err) {
    return errorResponse(err, { requestId: requestIdOf(req) });
  }
}
