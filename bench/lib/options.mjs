// The bench's command line and the constants every part reads (one parse, at import).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

export const root = path.resolve(import.meta.dirname, "../..");
export const HOST = "127.0.0.1";
export const API_KEY = "bench-api-key-0123456789";

export const { values: opt } = parseArgs({
  allowNegative: true,
  options: {
    connections: { type: "string", short: "n", default: "1000" },
    rate: { type: "string", default: "5" },
    events: { type: "string", default: "20" },
    duration: { type: "string", default: "8" },
    batch: { type: "string", default: "100" },
    inflight: { type: "string", default: "16" },
    generators: { type: "string", default: "2" },
    instances: { type: "string", default: "1" },
    repeat: { type: "string", default: "1" },
    only: { type: "string" },
    "skip-build": { type: "boolean", default: false },
    "server-node-options": { type: "string", default: "" },
    "heap-snapshot": { type: "boolean", default: false },
    "server-node": { type: "string", default: process.execPath },
    restart: { type: "boolean", default: true },
    "reconnect-rate": { type: "string", default: "100" },
    "restart-rate": { type: "string", default: "1" },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (opt.help) {
  console.log(`npm run bench -- [options]
  -n, --connections N   streams (one user each)                 default 1000
  --rate R              broadcasts per second                    default 5
  --events E            broadcasts sent                          default 20
  --duration S          seconds of each targeted phase           default 8
  --batch B             recipients per request in the batch phase default 100
  --inflight C          trigger requests in flight               default 16
  --generators G        load-generator processes                 default 2
  --repeat K            run the servers K times, in turn (floor, next, herald, floor, …),
                        and report each figure's median (every run is kept in the JSON)
                                                                 default 1
  --instances K         Herald servers behind the Redis bus      default 1
                        (K > 1 needs DATABASE_URL and REDIS_URL; streams, sign-ins and
                        trigger requests go to the instances round-robin; RSS and CPU are
                        summed over all of them)
  --only LIST           run only these servers, comma-separated: floor, next (the bare
                        Next.js route handler), herald
  --skip-build          use the existing production builds
  --server-node-options="--cpu-prof --cpu-prof-dir=bench/results/prof"   node flags for Herald
  --heap-snapshot       write a heap snapshot of Herald with all streams idle (small N only)
  --server-node PATH    the Node that runs the three servers (e.g. /usr/bin/node for Node 20)
                                                                 default: the bench's own Node
  --no-restart          skip the restart phase (Herald: SIGTERM under all streams open, start
                        again on the same port and database, clients honour retry: and resume
                        with Last-Event-ID; broadcasts keep being sent meanwhile)
  --reconnect-rate R    Herald's HERALD_RECONNECT_RATE in the restart phase  default 100
  --restart-rate R      broadcasts per second during the restart  default 1
DATABASE_URL / REDIS_URL, when set, are passed to Herald (the embedded database otherwise).`);
  process.exit(0);
}
export const N = Number(opt.connections);
export const RATE = Number(opt.rate);
export const EVENTS = Number(opt.events);
export const DURATION_MS = Number(opt.duration) * 1000;
export const BATCH = Math.min(Number(opt.batch), N, 1000);
export const INFLIGHT = Number(opt.inflight);
export const GENERATORS = Math.max(1, Number(opt.generators));
export const INSTANCES = Number(opt.instances);
export const REPEAT = Number(opt.repeat);
export const RECONNECT_RATE = Number(opt["reconnect-rate"]);
export const RESTART_RATE = Number(opt["restart-rate"]);
export const SERVERS = ["floor", "next", "herald"];
export const ONLY = opt.only ? opt.only.split(",").map((s) => s.trim()) : SERVERS;
for (const s of ONLY) if (!SERVERS.includes(s)) throw new Error(`bad option --only: ${s} (one of ${SERVERS.join(", ")})`);
export const runs = (server) => ONLY.includes(server);
for (const [k, v] of Object.entries({ N, RATE, EVENTS, DURATION_MS, BATCH, INFLIGHT, INSTANCES, REPEAT, RECONNECT_RATE, RESTART_RATE })) {
  if (!Number.isFinite(v) || v <= 0) throw new Error(`bad option ${k}`);
}
if (!Number.isInteger(INSTANCES)) throw new Error("bad option --instances: a whole number");
if (!Number.isInteger(REPEAT)) throw new Error("bad option --repeat: a whole number");
// Several instances only share events through Redis, and users, sessions and notifications
// through one Postgres: the embedded database is per process.
if (INSTANCES > 1 && runs("herald") && (!process.env.DATABASE_URL || !process.env.REDIS_URL)) {
  console.error(
    `--instances ${INSTANCES} needs DATABASE_URL (Postgres) and REDIS_URL: the instances share users and sessions through the database and events through Redis (docs/deploy.md).`,
  );
  process.exit(2);
}

/** The idle phase: one heartbeat interval of both servers (Herald's default HERALD_HEARTBEAT_MS, the floor's timer). */
export const IDLE_MS = 15_000;
export const RUN_STAMP = new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
export const resultsDir = path.join(root, "bench", "results");
mkdirSync(resultsDir, { recursive: true });
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const log = (...a) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);
