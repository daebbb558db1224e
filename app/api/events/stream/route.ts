import { edgeRoute } from "@/lib/api/edge";
import { openEventStream, refuseIfStopping } from "@/lib/realtime/open-stream";
import { cursorOf } from "@/lib/validations/stream";

export const dynamic = "force-dynamic";

/** The one SSE stream of every real-time event for the signed-in user. */
export const GET = edgeRoute(
  { route: "GET /api/events/stream", access: { signedIn: "Sign in to open the event stream" }, check: refuseIfStopping },
  async ({ req, viewer }) => {
    // A browser's reconnect sends Last-Event-ID; a page load passes the cursor it was rendered at.
    const cursor = cursorOf(req.headers.get("last-event-id") ?? req.nextUrl.searchParams.get("lastEventId"));
    return openEventStream({ viewer: { userId: viewer.id, sid: viewer.sid, expiresAt: viewer.expiresAt }, cursor, signal: req.signal });
  },
);
