// "The database cannot be reached right now", however the driver says it, recognised in one place
// so every edge answers it the same way (503 + Retry-After in lib/errors, a paused worker, a
// failing health check) instead of a 500. The causes, by who reports them:
// - pg (a statement sent straight to the pool, `sql()`): a socket error code (ECONNREFUSED,
//   ECONNRESET…), a server shutting down (SQLSTATE 57P01-57P03, class 08), or a plain Error
//   ("Connection terminated unexpectedly", "timeout exceeded when trying to connect").
// - @prisma/adapter-pg through Prisma: P1001 (not reachable), P1008 (timeout), P1017 (closed),
//   P2037 (too many connections), or the adapter's error in `meta.driverAdapterError`.
// - PGlite (in-process): only a closed handle ("PGlite is closed") during shutdown.
const CODES = new Set([
  "P1001", "P1002", "P1008", "P1017", "P2024", "P2037",
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN",
  "57P01", "57P02", "57P03", "53300",
]);
const KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|connection error|Can't reach database server|Server has closed the connection|PGlite is closed/i;

type Node = { code?: unknown; originalCode?: unknown; kind?: unknown; message?: unknown; cause?: unknown; errors?: unknown; meta?: { driverAdapterError?: unknown } };

function matches(n: Node): boolean {
  for (const code of [n.code, n.originalCode]) {
    if (typeof code !== "string") continue;
    // SQLSTATE class 08: connection exception.
    if (CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  if (typeof n.kind === "string" && KINDS.has(n.kind)) return true;
  return typeof n.message === "string" && MESSAGES.test(n.message);
}

export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  // The cause chain is short; the bound keeps a cyclic one from looping.
  while (queue.length > 0 && seen.size < 16) {
    const n = queue.shift();
    if (typeof n !== "object" || n === null || seen.has(n)) continue;
    seen.add(n);
    const node = n as Node;
    if (matches(node)) return true;
    queue.push(node.cause, node.meta?.driverAdapterError);
    if (Array.isArray(node.errors)) queue.push(...node.errors);
  }
  return false;
}
