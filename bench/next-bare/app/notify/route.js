import { frame, hub } from "../../hub.js";

export async function POST(req) {
  const body = await req.json();
  const id = String(++hub.seq);
  const bytes = frame("trading_alert", body.message, body.data ?? {}, id);
  for (const user of body.to) for (const c of hub.byUser.get(user) ?? []) c.enqueue(bytes);
  return Response.json({ id }, { status: 202 });
}
