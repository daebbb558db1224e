// The bare Next.js SSE server's state, mirroring bench/floor-server.mjs: each frame encoded once and
// enqueued on every stream's ReadableStream controller, one shared heartbeat timer; no auth, no
// database, no coalescing. What is left between it and the node:http floor is Next's own cost.
const encoder = new TextEncoder();
const HEARTBEAT = encoder.encode(": heartbeat\n\n");

/** @type {{ byUser: Map<string, Set<ReadableStreamDefaultController>>, all: Set<ReadableStreamDefaultController>, seq: number }} */
export const hub = (globalThis.__benchHub ??= (() => {
  const state = { byUser: new Map(), all: new Set(), seq: 0 };
  setInterval(() => {
    for (const c of state.all) c.enqueue(HEARTBEAT);
  }, 15_000).unref();
  return state;
})());

export function frame(type, message, data, id) {
  const envelope = { id, type, category: "system", priority: "low", message, data, timestamp: new Date().toISOString() };
  return encoder.encode(`id: ${id}\ndata: ${JSON.stringify(envelope)}\n\n`);
}

export function remove(user, controller) {
  hub.all.delete(controller);
  const mine = hub.byUser.get(user);
  mine?.delete(controller);
  if (mine?.size === 0) hub.byUser.delete(user);
}
