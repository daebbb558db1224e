// One error type and one error shape, { code, message, issues? }, for the JSON API (inside
// `{ error: … }`) and for server actions alike. Browser-safe: forms check their own input with it.
// How any thrown value becomes one of these at an edge is lib/error-answer.ts's.
import type { ZodError } from "zod";

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
/** One bad field: `path` as dots (`data.price`, `preferences.0.channel`), "(body)" for the whole input. */
export type Issue = { path: string; message: string };
export type ErrorShape = { code: ErrorCode; message: string; issues?: Issue[] };

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
  get shape(): ErrorShape {
    return { code: this.code, message: this.message, ...(this.options.issues ? { issues: this.options.issues } : {}) };
  }
}

/** The one mapping of zod's issues onto ours. */
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
