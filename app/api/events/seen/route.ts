import { edgeRoute } from "@/lib/api/edge";
import { readJson } from "@/lib/api/route";
import { markSeen } from "@/lib/notify/escalation";
import { seenSchema } from "@/lib/validations/seen";

/** The browser reports events it rendered in a visible tab: their pending escalations are cancelled. */
export const POST = edgeRoute(
  { route: "POST /api/events/seen", access: { signedIn: "Sign in to report seen events" } },
  async ({ req, viewer }) => {
    const { ids } = await readJson(req, seenSchema);
    return Response.json({ cancelled: await markSeen(viewer.id, ids.map((id) => BigInt(id))) });
  },
);
