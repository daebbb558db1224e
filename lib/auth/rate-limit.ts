import "server-only";
// Attempt limits that hold across instances, with rate-limiter-flexible (maintained; atomic
// stores): Redis when REDIS_URL is set (a Lua increment), otherwise the database's `RateLimit`
// table (one INSERT … ON CONFLICT upsert, so PGlite and Postgres alike count every attempt once).
// A limit counts attempts *before* the thing it guards runs, so with any number of attempts in
// flight on any instances, no more than the limit are ever checked.
import { createHash } from "node:crypto";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import { sql } from "@/lib/db/client";
import { env } from "@/lib/env";
import { HeraldError } from "@/lib/errors";
import { tooManyAttemptsMessage } from "./wait-time";
import { createRedis } from "@/lib/redis";
import { service, stopService } from "@/lib/service";

export type LimitName = "signinAccount" | "signinAddress" | "accountRequestsAddress" | "accountRequestsEmail";

/** Account emails (reset links, verification links, "you already have an account") one address may be sent per window. */
export const ACCOUNT_EMAILS_PER_WINDOW = 5;

type Spec = { points: number; windowMs: number; lockMs?: number };

function specs(): Record<LimitName, Spec> {
  const e = env();
  const signin = { windowMs: e.HERALD_SIGNIN_WINDOW_MS, lockMs: e.HERALD_SIGNIN_LOCK_MS };
  return {
    signinAccount: { points: e.HERALD_SIGNIN_MAX_FAILURES, ...signin },
    signinAddress: { points: e.HERALD_SIGNIN_MAX_FAILURES_PER_ADDRESS, ...signin },
    accountRequestsAddress: { points: e.HERALD_SIGNUP_MAX_PER_ADDRESS, windowMs: e.HERALD_SIGNUP_WINDOW_MS },
    accountRequestsEmail: { points: ACCOUNT_EMAILS_PER_WINDOW, windowMs: e.HERALD_SIGNUP_WINDOW_MS },
  };
}

type Limiter = Pick<RateLimiterAbstract, "consume" | "reward" | "delete">;
type Limiters = { limiters: Record<LimitName, Limiter>; close: () => Promise<void> };

function byName(build: (name: LimitName, spec: Spec) => Limiter): Record<LimitName, Limiter> {
  const all = specs();
  const out = {} as Record<LimitName, Limiter>;
  for (const name of Object.keys(all) as LimitName[]) out[name] = build(name, all[name]);
  return out;
}

/** rate-limiter-flexible's Postgres store over our driver (`sql()`: a pg pool or PGlite). */
async function databaseClient() {
  const query = await sql();
  return {
    async query(q: { text: string; values?: unknown[] }) {
      // int8 columns come back as bigint from PGlite and as strings from pg: the library wants numbers.
      const rows = (await query<Record<string, unknown>>(q.text, q.values ?? [])).map((row) =>
        Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "bigint" || (k === "expire" && typeof v === "string") ? Number(v) : v])),
      );
      return { rows, rowCount: rows.length };
    },
  };
}

async function create(): Promise<Limiters> {
  const e = env();
  const options = (name: LimitName, spec: Spec) => ({
    keyPrefix: name,
    points: spec.points,
    duration: Math.ceil(spec.windowMs / 1000),
    ...(spec.lockMs ? { blockDuration: Math.ceil(spec.lockMs / 1000) } : {}),
  });
  if (e.REDIS_URL) {
    // Connects in the background: until it is ready, the insurance limiter below counts.
    const redis = createRedis("limits", { keyPrefix: `${e.HERALD_REDIS_PREFIX}limit:` });
    void redis.connect().catch(() => undefined);
    const limiters = byName(
      (name, spec) =>
        new RateLimiterRedis({
          ...options(name, spec),
          storeClient: redis,
          // While Redis is unreachable each instance keeps counting on its own, rather than
          // refusing every sign-in or letting every attempt through.
          rejectIfRedisNotReady: true,
          insuranceLimiter: new RateLimiterMemory(options(name, spec)),
        }),
    );
    return { limiters, close: async () => void (await redis.quit().catch(() => undefined)) };
  }
  const client = await databaseClient();
  const limiters = byName(
    (name, spec) =>
      new RateLimiterPostgres({ ...options(name, spec), storeClient: client, storeType: "pool", tableName: "RateLimit", tableCreated: true }),
  );
  return { limiters, close: async () => undefined };
}

function limiter(name: LimitName): Promise<Limiter> {
  return service("rate-limits", create).then((l) => l.limiters[name]);
}

/** A key for an email address that keeps the address itself out of the limiter's store. */
export function emailKey(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 40);
}

/** The key for a client address (requests whose address is unknown share one). */
export function addressKey(address: string | null): string {
  return address ?? "unknown";
}

/** Counts one attempt against `key`; once past the limit, refuses with `rate_limited` and when to come back. */
export async function countAttempt(name: LimitName, key: string): Promise<void> {
  try {
    await (await limiter(name)).consume(key);
  } catch (err) {
    // A refusal is a RateLimiterRes; recognised by shape, as Next may bundle the library more than once.
    if (typeof err === "object" && err !== null && "msBeforeNext" in err && "consumedPoints" in err) {
      throw tooManyAttempts(Number(err.msBeforeNext));
    }
    throw err;
  }
}

/** Takes back one attempt (it turned out fine). */
export async function forgiveAttempt(name: LimitName, key: string): Promise<void> {
  await (await limiter(name)).reward(key, 1);
}

/** Forgets every attempt of `key` (the account's right password was given). */
export async function clearAttempts(name: LimitName, key: string): Promise<void> {
  await (await limiter(name)).delete(key);
}

export function tooManyAttempts(msBeforeNext: number): HeraldError {
  const ms = Math.max(1000, msBeforeNext);
  return new HeraldError("rate_limited", tooManyAttemptsMessage(ms), { headers: { "Retry-After": String(Math.ceil(ms / 1000)) } });
}

/** Seconds until a rate-limited caller may try again, from the error's Retry-After. */
export function retryAfterSeconds(err: HeraldError): number {
  return Number(err.options.headers?.["Retry-After"] ?? 60);
}

export async function closeRateLimits(): Promise<void> {
  await stopService<Limiters>("rate-limits", (l) => l.close());
}
