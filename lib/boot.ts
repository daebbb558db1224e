import "server-only";
import { closeRateLimits } from "@/lib/auth/rate-limit";
import { followRevocations } from "@/lib/auth/sessions";
import { closeDatabase, database, prisma } from "@/lib/db/client";
import { seedDemoOnce } from "@/lib/demo/seed";
import { env, EnvError, parseEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { closeRedisClients } from "@/lib/redis";
import { processWide } from "@/lib/service";
import { channelAdapters } from "@/lib/notify/channels";
import { recordReplayed } from "@/lib/notify/mark-replayed";
import { startOutboxWorker, stopOutboxWorker } from "@/lib/notify/outbox-worker";
import { hub, type Hub } from "@/lib/realtime/hub";
import { spreadRetryHints } from "@/lib/realtime/reconnect-spread";
import { startNftSimulator, stopNftSimulator } from "@/lib/domain/nft/simulator";
import { startPriceFeed, stopPriceFeed } from "@/lib/domain/trading/price-feed";

const state = () => processWide("boot", () => ({ booted: false, stopping: false }));

export async function boot(): Promise<void> {
  const s = state();
  if (s.booted) return;
  s.booted = true;
  try {
    parseEnv(process.env);
  } catch (err) {
    if (err instanceof EnvError) {
      log().fatal({ variables: err.issues.map((i) => i.variable) }, err.message);
      process.exit(1);
    }
    throw err;
  }
  const e = env();
  warnOnOldRuntime();
  try {
    const db = await database();
    if (e.HERALD_DEMO) await seedDemoOnce(db, e.HERALD_DEMO_PASSWORD);
  } catch (err) {
    log().fatal({ err }, `database: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  try {
    wire(await hub());
  } catch (err) {
    log().fatal({ err }, `realtime bus (REDIS_URL): ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  startOutboxWorker();
  startNftSimulator();
  startPriceFeed();

  // The start-up summary: one line an operator (or a log pipeline) reads to know what runs.
  const channels = Object.values(channelAdapters())
    .map((a) => `${a.channel}=${a.mode}`)
    .join(" ");
  const databaseKind = e.DATABASE_URL ? "postgres" : `pglite (${e.HERALD_DATA_DIR})`;
  const busKind = e.REDIS_URL ? "redis" : "in-process";
  log().info(
    { node: process.version, database: databaseKind, bus: busKind, demo: e.HERALD_DEMO, channels, logLevel: e.LOG_LEVEL },
    `ready: node=${process.version} database=${databaseKind} bus=${busKind} demo=${e.HERALD_DEMO} channels: ${channels}`,
  );
  if (e.HERALD_DEMO) log().info("demo users: alice (admin), bob and carol @herald.test; password HERALD_DEMO_PASSWORD");
  await adviseOnAccounts();

  handleShutdown();
}

/**
 * Every listener one module adds to another's events, in one place (docs/architecture.md,
 * "Wiring"); inside lib/realtime, the hub connects its own parts.
 */
function wire(h: Hub): void {
  // What a stream replays, the delivery ledger records (realtime knows nothing of deliveries).
  h.onReplayed(recordReplayed);
  // A sign-out on any instance reaches this one's session cache; while the bus is down it trusts nothing.
  followRevocations(h);
}

/**
 * SIGTERM/SIGINT: finish what is in flight, then let Next stop. Next's own handler stops accepting
 * connections and exits as soon as the open ones end; run first, it could exit in the middle of a
 * provider call (recorded as "unknown", never re-sent) or before the tickers settle. So its
 * handlers are taken aside and called once the outbox has drained and the streams are closed.
 */
function handleShutdown(): void {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    const nexts = process.listeners(signal);
    process.removeAllListeners(signal);
    process.once(signal, () => void shutdown(signal, nexts));
  }
}

async function shutdown(signal: NodeJS.Signals, nexts: NodeJS.SignalsListener[]): Promise<void> {
  state().stopping = true;
  const { registry, presence, bus } = await hub();
  registry.stopAdmitting();
  log().info({ signal }, `${signal}: finishing in-flight deliveries, then closing streams`);
  stopNftSimulator();
  stopPriceFeed();
  await stopOutboxWorker(env().HERALD_SHUTDOWN_TIMEOUT_MS);
  // Each client is told to come back soon (another instance will answer), spread out so that the
  // reconnects arrive at about HERALD_RECONNECT_RATE per second, not all in the same second.
  registry.closeAll(spreadRetryHints(registry.stats().streams, { baseMs: 250, perSecond: env().HERALD_RECONNECT_RATE }));
  await Promise.allSettled([presence.close(), bus.close(), closeRateLimits()]);
  await closeRedisClients();
  log().info({ signal }, `${signal}: deliveries settled and streams closed`);
  if (nexts.length > 0) {
    // Next finishes the requests in flight, then exits.
    for (const next of nexts) next(signal);
    return;
  }
  await closeDatabase().catch(() => undefined);
  process.exit(0);
}

/** True once SIGTERM/SIGINT arrived: /api/health answers 503 so a load balancer stops routing here. */
export function stopping(): boolean {
  return state().stopping;
}

/** What a new deployment needs before anyone can get in (README, "Accounts"). */
async function adviseOnAccounts(): Promise<void> {
  const e = env();
  if (channelAdapters().email.mode === "live" && !e.HERALD_PUBLIC_URL && !e.NEXTAUTH_URL) {
    log().warn("email is live but HERALD_PUBLIC_URL (or NEXTAUTH_URL) is not set: sign-up and password-reset emails are refused until it is");
  }
  const db = await prisma();
  if ((await db.user.count({ where: { role: "ADMIN" } })) === 0) {
    log().info("no admin yet: create one with `npm run user:create -- --admin you@example.com`");
  }
}

/** Herald is built and measured on Node 24+; older runtimes work but cost 2-12x more per streamed chunk. */
export const MIN_NODE_MAJOR = 24;

function warnOnOldRuntime(): void {
  const major = Number(process.versions.node.split(".")[0]);
  if (major >= MIN_NODE_MAJOR) return;
  log().warn(
    `running on Node ${process.version}; Herald supports Node ${MIN_NODE_MAJOR} or newer. ` +
      "Start it through npm (npm start, npm run demo): npm puts the Node that `npm install` brought into node_modules/.bin first on PATH.",
  );
}
