import "server-only";
// The process's one logger (pino): one JSON line per event worth logging, on stdout, at LOG_LEVEL;
// pretty-printed only under `next dev`. Nothing secret or personal reaches a line: known fields are
// redacted by path, and every string (messages and error stacks included) goes through mask().
import { randomUUID } from "node:crypto";
import pino, { type Logger } from "pino";
import { env } from "@/lib/env";
import { processWide } from "@/lib/service";
import { maskText, type Masker } from "./log-mask";

/** Fields whose whole value is a credential: replaced, not masked. */
const SECRET_KEYS = ["authorization", "cookie", "password", "token", "apiKey", "secret", "accessToken"];
/** Fields that hold personal data: masked (kept recognisable, not readable). */
const PERSONAL_KEYS = ["email", "phone", "destination", "to"];

function redactPaths(): string[] {
  return [...SECRET_KEYS, ...PERSONAL_KEYS].flatMap((k) => [k, `*.${k}`, `*.*.${k}`]).concat("req.headers.authorization", "req.headers.cookie");
}

/** Secret values from the environment: any occurrence in a line is replaced, wherever it hides. */
function configuredSecrets(): string[] {
  try {
    const e = env();
    return [
      e.HERALD_API_KEY,
      e.HERALD_METRICS_TOKEN,
      e.NEXTAUTH_SECRET,
      e.HERALD_DEMO_PASSWORD,
      e.TWILIO_AUTH_TOKEN,
      e.SENDGRID_API_KEY,
      e.FCM_ACCESS_TOKEN,
      e.FIREBASE_SERVICE_ACCOUNT?.private_key,
    ].filter((s): s is string => typeof s === "string" && s.length >= 8);
  } catch {
    return []; // an invalid environment: boot reports it (variable names only, never values)
  }
}

function levelFromEnv(): pino.LevelWithSilent {
  try {
    return env().LOG_LEVEL;
  } catch {
    return "info";
  }
}

function maskDeep(value: unknown, mask: Masker, depth = 0): unknown {
  if (typeof value === "string") return mask(value);
  // Errors are left whole for the `err` serializer (their message and stack are not enumerable), which masks them.
  if (depth > 6 || value === null || typeof value !== "object" || value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, mask, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskDeep(v, mask, depth + 1);
  return out;
}

/** Builds a logger writing to `destination` (stdout by default); tests pass their own stream. */
export function createLogger(destination?: pino.DestinationStream, secrets = configuredSecrets()): Logger {
  const mask: Masker = (text) => maskText(text, secrets);
  const pretty = process.env.NODE_ENV === "development" && !destination;
  const options: pino.LoggerOptions = {
    level: levelFromEnv(),
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: redactPaths(),
      censor: (value, path) =>
        SECRET_KEYS.includes(String(path.at(-1))) ? "[redacted]" : typeof value === "string" ? mask(value) : "[redacted]",
    },
    serializers: { err: (err: Error) => maskDeep(pino.stdSerializers.err(err), mask) as pino.SerializedError },
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => maskDeep(object, mask) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === "string" ? mask(a) : a)) as Parameters<typeof method>);
      },
    },
    // Development only: a worker thread prints readable lines (pino-pretty is a dev dependency).
    ...(pretty ? { transport: { target: "pino-pretty", options: { colorize: true, ignore: "pid,hostname" } } } : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}

/** The process-wide logger (one per process, shared by every separately bundled entry point). */
export function log(): Logger {
  return processWide("log", createLogger);
}

const REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** The caller's X-Request-Id when it is a sane token (printable, at most 128 characters), else a new one. */
export function requestIdOf(req: Request): string {
  const given = req.headers.get("x-request-id")?.trim();
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}
