import { frame, hub, remove } from "../../hub.js";

export const dynamic = "force-dynamic";

export function GET(req) {
  const user = req.nextUrl.searchParams.get("user") ?? "anonymous";
  let controller;
  const stream = new ReadableStream({
    start(c) {
      controller = c;
      c.enqueue(new TextEncoder().encode("retry: 3000\n\n"));
      c.enqueue(frame("connection_established", "Real-time events connected", { connectionId: crypto.randomUUID() }, `e${crypto.randomUUID()}`));
      let mine = hub.byUser.get(user);
      if (!mine) hub.byUser.set(user, (mine = new Set()));
      mine.add(c);
      hub.all.add(c);
    },
    cancel() {
      remove(user, controller);
    },
  });
  req.signal.addEventListener("abort", () => remove(user, controller), { once: true });
  return new Response(stream, {
    headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache, no-transform", "X-Accel-Buffering": "no" },
  });
}
