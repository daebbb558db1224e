import "server-only";
// How every edge (route handlers through lib/api/edge.ts, server actions through
// lib/actions/result.ts) turns what was thrown into the one error shape: a HeraldError as it is, a
// zod failure as `invalid_request`, an unreachable database as `unavailable` (503 + Retry-After,
// lib/db/unavailable.ts), anything else as `internal`, logged.
import { ZodError } from "zod";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { HeraldError, invalid, isHeraldError, type ErrorShape } from "@/lib/errors";
import { log } from "@/lib/log";

/** Seconds a client is told to wait when the database is unreachable. */
const DATABASE_RETRY_AFTER_S = 5;
/** One log line per this many ms while the database is away, not one per failed request. */
const DATABASE_LOG_EVERY_MS = 10_000;
let databaseLoggedAt = 0;

/** The database could not be reached: the request may be retried (an Idempotency-Key applies it once). */
function databaseUnavailable(err: unknown, requestId?: string): HeraldError {
  const now = Date.now();
  if (now - databaseLoggedAt >= DATABASE_LOG_EVERY_MS) {
    databaseLoggedAt = now;
    log().error({ err, reqId: requestId }, "database unreachable: answering 503");
  }
  return new HeraldError("unavailable", "The database is unreachable right now; retry shortly (with the same Idempotency-Key, a request is applied once)", {
    headers: { "Retry-After": String(DATABASE_RETRY_AFTER_S) },
  });
}

/** What was thrown, as the HeraldError an edge answers with; unexpected errors are logged with the request id. */
export function asHeraldError(err: unknown, context: { requestId?: string } = {}): HeraldError {
  if (isHeraldError(err)) return err;
  if (err instanceof ZodError) return invalid(err);
  if (isDatabaseUnavailable(err)) return databaseUnavailable(err, context.requestId);
  log().error({ err, reqId: context.requestId }, "unhandled error");
  return new HeraldError("internal", "Internal server error");
}

export type ErrorBody = { error: ErrorShape } & Record<string, unknown>;

/** The error as a JSON response (its request id echoed as X-Request-Id). */
export function errorResponse(err: unknown, context: { requestId?: string } = {}): Response {
  const known = asHeraldError(err, context);
  const body: ErrorBody = { ...known.options.details, error: known.shape };
  const res = Response.json(body, { status: known.status, headers: known.options.headers });
  if (context.requestId) res.headers.set("X-Request-Id", context.requestId);
  return res;
}
