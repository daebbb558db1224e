import type { NextRequest } from "next/server";
import { readJson } from "@/lib/api/route";
import { getViewer } from "@/lib/auth/viewer";
import { errorResponse, HeraldError } from "@/lib/errors";
import { requestIdOf } from "@/lib/log";
import { markSeen } from "@/lib/notify/escalation";
import { seenSchema } from "@/lib/validations/seen";

/** The browser reports events it rendered in a visible tab: their pending escalations are cancelled. */
export async function POST(req: NextRequest) {
  try {
    const viewer = await getViewer();
    if (!viewer) throw new HeraldError("unauthorized", "Sign in to report seen events");
    const { ids } = await readJson(req, seenSchema);
    return Response.json({ cancelled: await markSeen(viewer.id, ids.map((id) => BigInt(id))) });
  } catch (err) {
    return errorResponse(err, { requestId: requestIdOf(req) });
  }
}
