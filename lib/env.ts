// The one place that reads configuration. Every variable is validated here; a bad value stops
// start-up (instrumentation.ts) with a message naming the variable. Nothing here is ever logged.
import { z } from "zod";
import { processWide } from "./service";

const int = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);
const bool = () => z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

export const DEMO_API_KEY = "herald-demo-api-key";

const serviceAccountSchema = z.object({
  project_id: z.string().min(1),
  client_email: z.email(),
  private_key: z.string().min(1),
});

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Every variable Herald reads (.env.example lists each one; a unit test keeps the two equal). */
const variables = z.object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** Least severe log level written (JSON lines on stdout; pretty-printed under `npm run dev`). */
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Postgres connection string; when unset the embedded PGlite database is used. */
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    /** Where the embedded database and generated demo secrets live. */
    HERALD_DATA_DIR: z.string().min(1).default(".herald"),
    /** Redis for the event bus and presence across instances; in-process when unset. */
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
    /** Prefix of every Redis key and channel, so several deployments can share one Redis. */
    HERALD_REDIS_PREFIX: z.string().min(1).max(64).default("herald:"),
    /**
     * Shard channels of the Redis bus: a targeted event goes to its users' shard, and an instance
     * listens to a shard only while it holds a stream of one of its users. Must be the same on
     * every instance; 0 puts everything on the one shared channel.
     */
    HERALD_BUS_SHARDS: int(64, 0).pipe(z.number().max(16_384)),
    /** Demo mode seeds the demo users; on by default exactly when DATABASE_URL is unset. */
    HERALD_DEMO: bool().optional(),
    HERALD_DEMO_PASSWORD: z.string().min(8).default("herald-demo"),
    NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    NEXTAUTH_URL: z.url().optional(),
    /** Bearer key of the server-to-server trigger API. */
    HERALD_API_KEY: z.string().min(16, "must be at least 16 characters").optional(),
    HERALD_API_MAX_BODY_BYTES: int(64 * 1024),
    /** Bearer token of GET /api/metrics; when unset the API key is accepted there. */
    HERALD_METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),

    HERALD_HEARTBEAT_MS: int(15_000, 100),
    HERALD_RETRY_MS: int(3_000, 100),
    /** On shutdown, the streams are told to come back spread out at about this many reconnects per second in total. */
    HERALD_RECONNECT_RATE: int(100, 1),
    HERALD_MAX_STREAMS_PER_USER: int(10),
    HERALD_MAX_STREAMS: int(20_000),
    HERALD_STREAM_MAX_QUEUE_BYTES: int(1024 * 1024, 1024),
    HERALD_STREAM_MAX_LIFETIME_MS: int(30 * 60_000, 1_000),
    HERALD_REPLAY_LIMIT: int(500),
    /** How late a stored event may reach the bus and still reach a client that reconnected meanwhile (resumes re-read this much). */
    HERALD_PUBLISH_LAG_MS: int(5_000, 100),
    /** How long a session known to be active skips the revocation lookup (0: always look up). */
    HERALD_SESSION_CACHE_MS: int(60_000, 0),
    /** A session's "last seen" is written at most this often (not on every request). */
    HERALD_SESSION_TOUCH_MS: int(60_000, 1_000),
    /** How many proxies in front of Herald append to X-Forwarded-For; the client address is the entry the outermost one saw. */
    HERALD_TRUSTED_PROXIES: int(0, 0),
    /** Failed sign-ins one account may have per window before it is locked. */
    HERALD_SIGNIN_MAX_FAILURES: int(20),
    /** Failed sign-ins one client address may make per window (any accounts) before it is locked. */
    HERALD_SIGNIN_MAX_FAILURES_PER_ADDRESS: int(100),
    HERALD_SIGNIN_WINDOW_MS: int(15 * 60_000, 1_000),
    /** How long an account or address stays locked once over its limit. */
    HERALD_SIGNIN_LOCK_MS: int(15 * 60_000, 1_000),
    /** Sign-ups and account-email requests (password reset, verification link) per client address per window. */
    HERALD_SIGNUP_MAX_PER_ADDRESS: int(10),
    HERALD_SIGNUP_WINDOW_MS: int(60 * 60_000, 1_000),

    HERALD_OFFLINE_GRACE_MS: int(10_000, 0),
    /** With Redis: a user whose instance stopped refreshing them (a crash) is offline after this. */
    HERALD_PRESENCE_TTL_MS: int(30_000, 300),
    /** On SIGTERM, how long in-flight offline deliveries may take to finish before the process exits. */
    HERALD_SHUTDOWN_TIMEOUT_MS: int(20_000, 0),
    /** How long a user still counts as online after their last stream closed (a tab handing it to another). */
    HERALD_PRESENCE_LINGER_MS: int(3_000, 0),
    HERALD_OUTBOX_POLL_MS: int(1_000, 50),
    /** Most deliveries one worker claims per poll. */
    HERALD_OUTBOX_BATCH: int(20),
    HERALD_OUTBOX_MAX_ATTEMPTS: int(5),
    /** First retry delay; each retry doubles it (with full jitter), never sooner than Retry-After. */
    HERALD_OUTBOX_BACKOFF_MS: int(1_000, 10),
    /** How long a claimed delivery is reserved for its worker; past it, another worker may retake it. */
    HERALD_OUTBOX_LEASE_MS: int(60_000, 1_000),
    /** Per provider request; kept well under the lease so a slow call never outlives its claim. */
    HERALD_PROVIDER_TIMEOUT_MS: int(15_000, 100),
    /** Unseen events of a priority are escalated to its offline channel after this; 0 turns it off. */
    HERALD_ESCALATE_HIGH_MS: int(60_000, 0),
    HERALD_ESCALATE_MEDIUM_MS: int(0, 0),
    HERALD_ESCALATE_LOW_MS: int(0, 0),
    /** The app's public origin, as providers call it back (Twilio signs this URL). */
    HERALD_PUBLIC_URL: z.url().optional(),

    TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, "must be AC followed by 32 hex digits").optional(),
    TWILIO_AUTH_TOKEN: z.string().min(8).optional(),
    TWILIO_FROM: z.string().regex(/^(\+[1-9]\d{6,14}|MG[0-9a-fA-F]{32})$/, "must be an E.164 number or a Messaging Service SID").optional(),
    /** Test/proxy setting: send Twilio API calls to this origin instead of https://api.twilio.com. */
    TWILIO_API_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),

    /** A Firebase service-account key, as its JSON text. */
    FIREBASE_SERVICE_ACCOUNT: z
      .string()
      .transform((text, ctx) => {
        const parsed = serviceAccountSchema.safeParse(safeJson(text));
        if (parsed.success) return parsed.data;
        ctx.addIssue({ code: "custom", message: "must be a service-account JSON with project_id, client_email and private_key" });
        return z.NEVER;
      })
      .optional(),
    /** Overrides the service account's project (and names it when FCM_ACCESS_TOKEN is used). */
    FIREBASE_PROJECT_ID: z.string().min(1).optional(),
    /** Test/proxy setting: a fixed OAuth access token instead of a service account. */
    FCM_ACCESS_TOKEN: z.string().min(1).optional(),
    /** Test/proxy setting: open FCM's connections to this host and port instead of fcm.googleapis.com:443. */
    FCM_ENDPOINT_HOST: z.string().min(1).optional(),
    FCM_ENDPOINT_PORT: z.coerce.number().int().min(1).max(65_535).optional(),

    SENDGRID_API_KEY: z.string().min(8).optional(),
    SENDGRID_FROM: z.email().optional(),
    /** Test/proxy setting: send SendGrid API calls to this origin instead of https://api.sendgrid.com. */
    SENDGRID_API_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** The Event Webhook's verification key (base64 DER, from SendGrid's settings); the webhook is off without it. */
    SENDGRID_WEBHOOK_PUBLIC_KEY: z.string().min(40).optional(),

    /** Simulated NFT mints/upgrades advance 10% per step; tests shorten the step. */
    HERALD_NFT_STEP_MS: int(1_500, 10),
    /** The simulated price feed's tick interval, and the seed of its deterministic random walk. */
    HERALD_PRICE_TICK_MS: int(1_000, 10),
    HERALD_PRICE_SEED: int(20_261_127, 0),
});

export const envVariableNames = Object.keys(variables.shape) as (keyof typeof variables.shape)[];

const schema = variables
  .transform((v) => {
    const demo = v.HERALD_DEMO ?? !v.DATABASE_URL;
    // Demo mode documents its API key like its password; real deployments must set their own.
    return { ...v, HERALD_DEMO: demo, HERALD_API_KEY: v.HERALD_API_KEY ?? (demo ? DEMO_API_KEY : undefined) };
  })
  .superRefine((v, ctx) => {
    // A provider is configured completely or not at all: half a configuration is a typo.
    const groups: [string, string[]][] = [
      ["Twilio", ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM"]],
      ["SendGrid", ["SENDGRID_API_KEY", "SENDGRID_FROM"]],
    ];
    for (const [name, keys] of groups) {
      const set = keys.filter((k) => v[k as keyof typeof v] !== undefined);
      for (const k of keys.filter((k) => set.length > 0 && !set.includes(k))) {
        ctx.addIssue({ code: "custom", path: [k], message: `is required with ${set.join(", ")} (${name})` });
      }
    }
    if (v.FCM_ACCESS_TOKEN && !v.FIREBASE_PROJECT_ID && !v.FIREBASE_SERVICE_ACCOUNT) {
      ctx.addIssue({ code: "custom", path: ["FIREBASE_PROJECT_ID"], message: "is required with FCM_ACCESS_TOKEN" });
    }
    if ((v.FCM_ENDPOINT_HOST === undefined) !== (v.FCM_ENDPOINT_PORT === undefined)) {
      ctx.addIssue({ code: "custom", path: ["FCM_ENDPOINT_PORT"], message: "FCM_ENDPOINT_HOST and FCM_ENDPOINT_PORT go together" });
    }
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

/** The validated environment of this process, parsed once. */
export function env(): Env {
  return processWide("env", () => parseEnv(process.env));
}
