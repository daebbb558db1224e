// The one place that reads configuration. Every variable is validated here; a bad value stops
// start-up (instrumentation.ts) with a message naming the variable. Nothing here is ever logged.
import { z } from "zod";

const int = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);
const bool = () => z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

export const DEMO_API_KEY = "herald-demo-api-key";

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** Postgres connection string; when unset the embedded PGlite database is used. */
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    /** Where the embedded database and generated demo secrets live. */
    HERALD_DATA_DIR: z.string().min(1).default(".herald"),
    /** Demo mode seeds the demo users; on by default exactly when DATABASE_URL is unset. */
    HERALD_DEMO: bool().optional(),
    HERALD_DEMO_PASSWORD: z.string().min(8).default("herald-demo"),
    NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    NEXTAUTH_URL: z.url().optional(),
    /** Bearer key of the server-to-server trigger API. */
    HERALD_API_KEY: z.string().min(16, "must be at least 16 characters").optional(),
    HERALD_API_MAX_BODY_BYTES: int(64 * 1024),

    HERALD_HEARTBEAT_MS: int(15_000, 100),
    HERALD_RETRY_MS: int(3_000, 100),
    HERALD_MAX_STREAMS_PER_USER: int(10),
    HERALD_MAX_STREAMS: int(20_000),
    HERALD_STREAM_MAX_QUEUE_BYTES: int(1024 * 1024, 1024),
    HERALD_STREAM_MAX_LIFETIME_MS: int(30 * 60_000, 1_000),
    HERALD_REPLAY_LIMIT: int(500),
    /** How long a session known to be active skips the revocation lookup (0: always look up). */
    HERALD_SESSION_CACHE_MS: int(60_000, 0),

    HERALD_OFFLINE_GRACE_MS: int(10_000, 0),
    HERALD_OUTBOX_POLL_MS: int(1_000, 50),
  })
  .transform((v) => {
    const demo = v.HERALD_DEMO ?? !v.DATABASE_URL;
    // Demo mode documents its API key like its password; real deployments must set their own.
    return { ...v, HERALD_DEMO: demo, HERALD_API_KEY: v.HERALD_API_KEY ?? (demo ? DEMO_API_KEY : undefined) };
  })
  .superRefine((v, ctx) => {
    if (!v.HERALD_DEMO && !v.NEXTAUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["NEXTAUTH_SECRET"],
        message: "is required outside demo mode (DATABASE_URL is set or HERALD_DEMO=false)",
      });
    }
  });

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(
      "Invalid environment:\n" + issues.map((i) => `  ${i.variable}: ${i.message}`).join("\n"),
    );
    this.name = "EnvError";
  }
}

/** Validates a set of variables (empty strings count as unset). Throws EnvError naming each bad one. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((i) => ({ variable: i.path.join(".") || "(env)", message: i.message })),
    );
  }
  return result.data;
}

const store = globalThis as unknown as { heraldEnv?: Env };

/** The validated environment of this process, parsed once. */
export function env(): Env {
  store.heraldEnv ??= parseEnv(process.env);
  return store.heraldEnv;
}
