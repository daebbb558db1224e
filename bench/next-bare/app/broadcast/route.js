import { frame, hub } from "../../hub.js";

export async function POST(req) {
  const body = await req.json();
  const id = String(++hub.seq);
  const bytes = frame("system_maintenance", body.message, body.data ?? {}, id);
  for (const c of hub.all) c.enqueue(bytes);
  return Response.json({ id }, { status: 202 });
}
