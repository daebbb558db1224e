// One error type and one JSON error shape for every API: { error: { code, message, issues? } }.
import { ZodError } from "zod";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { log } from "@/lib/log";

export const errorStatus = {
  invalid_request: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;
export type Issue = { path: string; message: string };

// Next bundles entry points (instrumentation, each route) separately, so a class may exist more
// than once in a process: recognise our errors by a registered symbol, not by `instanceof`.
const BRAND = Symbol.for("herald.error");

export function isHeraldError(err: unknown): err is HeraldError {
  return typeof err === "object" && err !== null && (err as Record<symbol, unknown>)[BRAND] === true;
}

export class HeraldError extends Error {
  readonly [BRAND] = true;
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** `details`: more top-level fields of the answer beside `error` (health's figures). */
    readonly options: { issues?: Issue[]; headers?: Record<string, string>; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = "HeraldError";
  }
  get status(): number {
    return errorStatus[this.code];
  }
}

export function issuesOf(error: ZodError): Issue[] {
  return error.issues.map((i) => ({ path: i.path.join(".") || "(body)", message: i.message }));
}

/** A zod failure as a 400 whose message names the first bad field. */
export function invalid(error: ZodError, what = "request"): HeraldError {
  const issues = issuesOf(error);
  const first = issues[0];
  const message = first ? `Invalid ${what}: ${first.path}: ${first.message}` : `Invalid ${what}`;
  return new HeraldError("invalid_request", message, { issues });
}

export type ErrorBody = { error: { code: ErrorCode; message: string; issues?: Issue[] } } & Record<string, unknown>;

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

/** The error as a JSON response; unexpected errors are logged with the request id (echoed as X-Request-Id). */
export function errorResponse(err: unknown, context: { requestId?: string } = {}): Response {
  const known = isHeraldError(err)
    ? err
    : err instanceof ZodError
      ? invalid(err)
      : isDatabaseUnavailable(err)
        ? databaseUnavailable(err, context.requestId)
        : new HeraldError("internal", "Internal server error");
  if (known.code === "internal") log().error({ err, reqId: context.requestId }, "unhandled error");
  const body: ErrorBody = { ...known.options.details, error: { code: known.code, message: known.message } };
  if (known.options.issues) body.error.issues = known.options.issues;
  const res = Response.json(body, { status: known.status, headers: known.options.headers });
  if (context.requestId) res.headers.set("X-Request-Id", context.requestId);
  return res;
}
