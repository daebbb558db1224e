// The Node.js floor: the least an SSE server can do on `node:http` — write each frame to each
// response, one shared heartbeat timer, no framework, no auth, no database. The bench runs the
// same load against it and reports Herald's figures as ratios to it. Loopback only.
import http from "node:http";
import { randomUUID } from "node:crypto";

const port = Number(process.argv[2] ?? 0);
/** @type {Map<string, Set<http.ServerResponse>>} */
const byUser = new Map();
const all = new Set();
const HEARTBEAT = Buffer.from(": heartbeat\n\n");

function frame(type, message, data, id) {
  const envelope = { id, type, category: "system", priority: "low", message, data, timestamp: new Date().toISOString() };
  return Buffer.from(`id: ${id}\ndata: ${JSON.stringify(envelope)}\n\n`);
}

let seq = 0;

async function readJson(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, "http://localhost");
  if (req.method === "GET" && url.pathname === "/stream") {
    const user = url.searchParams.get("user") ?? "anonymous";
    res.writeHead(200, {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      "X-Accel-Buffering": "no",
    });
    res.write("retry: 3000\n\n");
    res.write(frame("connection_established", "Real-time events connected", { connectionId: randomUUID() }, `e${randomUUID()}`));
    let mine = byUser.get(user);
    if (!mine) byUser.set(user, (mine = new Set()));
    mine.add(res);
    all.add(res);
    res.on("close", () => {
      all.delete(res);
      mine.delete(res);
      if (mine.size === 0) byUser.delete(user);
    });
    return;
  }
  if (req.method === "POST" && url.pathname === "/broadcast") {
    const body = await readJson(req);
    const bytes = frame("system_maintenance", body.message, body.data ?? {}, String(++seq));
    for (const r of all) r.write(bytes);
    res.writeHead(202, { "content-type": "application/json" }).end(JSON.stringify({ id: String(seq) }));
    return;
  }
  if (req.method === "POST" && url.pathname === "/notify") {
    const body = await readJson(req);
    const bytes = frame("trading_alert", body.message, body.data ?? {}, String(++seq));
    for (const user of body.to) for (const r of byUser.get(user) ?? []) r.write(bytes);
    res.writeHead(202, { "content-type": "application/json" }).end(JSON.stringify({ id: String(seq) }));
    return;
  }
  if (url.pathname === "/health") {
    res.writeHead(200).end("ok");
    return;
  }
  res.writeHead(404).end();
});

server.keepAliveTimeout = 60_000;
server.headersTimeout = 0;
server.requestTimeout = 0;
setInterval(() => {
  for (const r of all) r.write(HEARTBEAT);
}, 15_000).unref();

server.listen(port, "127.0.0.1", () => {
  process.send?.({ port: server.address().port });
});
process.on("SIGTERM", () => {
  for (const r of all) r.destroy();
  server.close(() => process.exit(0));
});
