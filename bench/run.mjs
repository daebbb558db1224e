// `npm run bench`: the same load against the Node.js floor (bench/floor-server.mjs), against the
// least a Next.js route handler can do (bench/next-bare: the design card's own floor) and against
// Herald's production build, one after the other on this machine, from forked load generators on
// raw sockets. Writes bench/results/bench-<time>.json and .svg and prints a summary table.
// Loopback only; every loop is bounded in count and time. Not part of `npm test`.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chart } from "./chart.mjs";
import { BENCH_PASSWORD, benchUsers, createBenchUsers, dropRunSchema, runSchemaUrl } from "./users.mjs";

const root = path.resolve(import.meta.dirname, "..");
const HOST = "127.0.0.1";
const API_KEY = "bench-api-key-0123456789";

const { values: opt } = parseArgs({
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
DATABASE_URL / REDIS_URL, when set, are passed to Herald (the embedded database otherwise).`);
  process.exit(0);
}
const N = Number(opt.connections);
const RATE = Number(opt.rate);
const EVENTS = Number(opt.events);
const DURATION_MS = Number(opt.duration) * 1000;
const BATCH = Math.min(Number(opt.batch), N, 1000);
const INFLIGHT = Number(opt.inflight);
const GENERATORS = Math.max(1, Number(opt.generators));
const INSTANCES = Number(opt.instances);
const REPEAT = Number(opt.repeat);
const SERVERS = ["floor", "next", "herald"];
const ONLY = opt.only ? opt.only.split(",").map((s) => s.trim()) : SERVERS;
for (const s of ONLY) if (!SERVERS.includes(s)) throw new Error(`bad option --only: ${s} (one of ${SERVERS.join(", ")})`);
const runs = (server) => ONLY.includes(server);
for (const [k, v] of Object.entries({ N, RATE, EVENTS, DURATION_MS, BATCH, INFLIGHT, INSTANCES, REPEAT })) {
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
const IDLE_MS = 15_000;
const RUN_STAMP = new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
const resultsDir = path.join(root, "bench", "results");
mkdirSync(resultsDir, { recursive: true });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);

// ---------- processes, /proc sampling ----------

// Children are ended with the bench, even when it is interrupted; so is the run's Postgres schema.
const children = new Set();
const onInterrupt = new Set();
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    for (const c of children) c.kill("SIGKILL");
    await Promise.allSettled([...onInterrupt].map((f) => f()));
    process.exit(130);
  });
}
function track(child) {
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

/** Runs `node args` with the soft fd limit raised to the hard one (each stream is a descriptor). */
function spawnNode(args, env, stdio = ["ignore", "pipe", "pipe"]) {
  return track(spawn("/bin/sh", ["-c", 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"', "sh", process.execPath, ...args], {
    cwd: root,
    env,
    stdio,
  }));
}

function descendants(pid) {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    try {
      for (const t of readdirSync(`/proc/${out[i]}/task`)) {
        const kids = readFileSync(`/proc/${out[i]}/task/${t}/children`, "utf8").trim();
        if (kids) out.push(...kids.split(/\s+/).map(Number));
      }
    } catch {
      // exited
    }
  }
  return out;
}

/** `pids`: one server's pid, or every instance's; each is counted with its process tree. */
const trees = (pids) => [pids].flat().flatMap(descendants);

function rssBytes(pids) {
  let sum = 0;
  for (const p of trees(pids)) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      if (m) sum += Number(m[1]) * 1024;
    } catch {
      // exited
    }
  }
  return sum;
}

const TICK = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
function cpuSeconds(pids) {
  let sum = 0;
  for (const p of trees(pids)) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      sum += (Number(fields[11]) + Number(fields[12])) / TICK;
    } catch {
      // exited
    }
  }
  return sum;
}

/** Max RSS while `work` runs, and the CPU it took (in % of one core). */
async function sampled(pid, work) {
  let maxRss = rssBytes(pid);
  const timer = setInterval(() => (maxRss = Math.max(maxRss, rssBytes(pid))), 200);
  const cpu0 = cpuSeconds(pid);
  const t0 = Date.now();
  try {
    const result = await work();
    const wall = (Date.now() - t0) / 1000;
    return { result, maxRss, cpuPct: round((100 * (cpuSeconds(pid) - cpu0)) / wall) };
  } finally {
    clearInterval(timer);
  }
}

async function waitHealthy(url, child, output) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    await sleep(200);
  }
  throw new Error(`server not healthy:\n${output()}`);
}

async function stopProcess(child) {
  if (child.exitCode !== null) return;
  await new Promise((resolve) => {
    child.once("exit", resolve);
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 15_000).unref();
  });
}

async function freePort() {
  const net = await import("node:net");
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, HOST, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// ---------- load generators ----------

class Generators {
  constructor(count) {
    this.procs = Array.from({ length: count }, () =>
      spawnNode([path.join(root, "bench/generator.mjs")], process.env, ["ignore", "inherit", "inherit", "ipc"]),
    );
    this.seq = 0;
    this.pending = new Map();
    for (const p of this.procs) {
      p.on("message", (m) => {
        const waiter = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (m.error) waiter?.reject(new Error(m.error));
        else waiter?.resolve(m.result);
      });
    }
  }
  call(i, msg) {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.procs[i].send({ ...msg, id });
    });
  }
  all(msg) {
    return Promise.all(this.procs.map((_, i) => this.call(i, typeof msg === "function" ? msg(i) : msg)));
  }
  stop() {
    for (const p of this.procs) p.kill();
  }
}

// ---------- statistics ----------

function round(x, d = 1) {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}

function percentiles(values) {
  if (values.length === 0) return { p50: null, p95: null, p99: null, max: null };
  const s = Float64Array.from(values).sort();
  const at = (q) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s[s.length - 1] };
}

/** Figure by figure, the median of several runs' results (numbers only; the rest from the first run). */
function medianOf(results) {
  const walk = (values) => {
    const first = values[0];
    if (typeof first === "number") {
      const s = values.filter((v) => typeof v === "number").sort((a, b) => a - b);
      return s.length % 2 ? s[s.length >> 1] : round((s[s.length / 2 - 1] + s[s.length / 2]) / 2, 2);
    }
    if (first && typeof first === "object" && !Array.isArray(first)) {
      return Object.fromEntries(Object.keys(first).map((k) => [k, walk(values.map((v) => v?.[k]))]));
    }
    return first;
  };
  return walk(results);
}

function merge(parts) {
  const latencies = [];
  let lastAt = 0;
  let received = 0;
  for (const p of parts) {
    for (const l of p.latencies) latencies.push(l);
    received += p.received;
    lastAt = Math.max(lastAt, p.lastAt);
  }
  return { latencies, received, lastAt, dropped: parts.reduce((a, p) => a + p.dropped, 0) };
}

/** Waits until `expected` receipts are in, or nothing new arrived for `stallMs`. */
async function settle(gens, expected, stallMs = 10_000) {
  let last = -1;
  let since = Date.now();
  for (;;) {
    const now = (await gens.all({ cmd: "peek" })).reduce((a, p) => a + p.received, 0);
    if (now >= expected) return;
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since > stallMs) return;
    await sleep(100);
  }
}

// ---------- the phases ----------

async function runPhases(kind, server, trigger, users) {
  const gens = new Generators(GENERATORS);
  const target = { host: HOST, port: server.port, kind };
  const share = (i) => users.filter((_, j) => j % GENERATORS === i);
  await gens.all((i) => ({ cmd: "init", target, users: share(i) }));
  const out = { kind };
  try {
    let t = Date.now();
    const signed = await gens.all({ cmd: "signin", password: BENCH_PASSWORD, concurrency: 8 });
    out.signIn = { ms: Date.now() - t, ok: sum(signed, "ok"), failed: sum(signed, "failed") };
    if (kind === "herald") log(`${kind}: signed in ${out.signIn.ok}/${N} in ${out.signIn.ms} ms (${out.signIn.failed} failed)`);

    await sleep(2000);
    const baselineRss = rssBytes(server.pids);
    t = Date.now();
    const cpuBefore = cpuSeconds(server.pids);
    const connected = await gens.all({ cmd: "connect", concurrency: Math.max(8, Math.ceil(200 / GENERATORS)) });
    const connectMs = Math.max(...connected.map((c) => c.finishedAt)) - t;
    const connectCpuMs = (cpuSeconds(server.pids) - cpuBefore) * 1000;
    const errors = {};
    for (const c of connected) for (const [k, v] of Object.entries(c.errors)) errors[k] = (errors[k] ?? 0) + v;
    out.connect = { ms: connectMs, ok: sum(connected, "ok"), failed: sum(connected, "failed"), errors };
    // CPU the server spent, per stream: steadier than wall time on a machine shared with others.
    out.connect.cpuMsPerStream = round(connectCpuMs / Math.max(1, out.connect.ok), 2);
    log(`${kind}: ${out.connect.ok}/${N} streams open in ${connectMs} ms (${out.connect.failed} failed, ${out.connect.cpuMsPerStream} ms CPU each)`, errors);

    // Let the connect burst's garbage be collected (GC threads count as CPU) before idling.
    await sleep(6000);
    if (opt["heap-snapshot"] && kind === "herald") {
      for (const pid of server.pids) process.kill(pid, "SIGUSR2");
      log(`${kind}: heap snapshot requested (written in the server's cwd)`);
      await sleep(Math.max(5000, N * 5));
    }
    // One whole heartbeat interval (both servers beat every 15 s), so each stream's heartbeat is counted once.
    const idle = await sampled(server.pids, () => sleep(IDLE_MS));
    const idleRss = rssBytes(server.pids);
    out.memory = {
      baselineRssMB: round(baselineRss / 2 ** 20),
      idleRssMB: round(idleRss / 2 ** 20),
      perConnectionKB: round((idleRss - baselineRss) / 1024 / Math.max(1, out.connect.ok)),
    };
    out.cpu = { idlePct: idle.cpuPct };
    log(`${kind}: idle RSS ${out.memory.idleRssMB} MB (${out.memory.perConnectionKB} KB/stream), idle CPU ${idle.cpuPct}%`);

    out.broadcast = await broadcastPhase(kind, server, gens, trigger);
    out.cpu.broadcastPct = out.broadcast.cpuPct;
    out.memory.underLoadMaxRssMB = out.broadcast.maxRssMB;
    log(`${kind}: broadcast`, fmt(out.broadcast));

    const ids = users.map((u) => u.id);
    out.single = await targetedPhase(kind, server, gens, trigger, ids, 1, "s");
    log(`${kind}: targeted, 1 recipient per request`, fmt(out.single));
    out.batch = await targetedPhase(kind, server, gens, trigger, ids, BATCH, "t");
    log(`${kind}: targeted, ${BATCH} recipients per request`, fmt(out.batch));

    const final = await gens.all({ cmd: "peek" });
    out.dropped = sum(final, "dropped");
    out.openAtEnd = sum(final, "open");
  } finally {
    await gens.all({ cmd: "close" }).catch(() => undefined);
    gens.stop();
  }
  return out;
}

const sum = (list, key) => list.reduce((a, x) => a + (x[key] ?? 0), 0);
const fmt = (r) =>
  `${r.received}/${r.expected} received, p50 ${r.p50} p95 ${r.p95} p99 ${r.p99} max ${r.max} ms, ${r.deliveredPerSec}/s delivered, CPU ${r.cpuPct}% (${r.cpuUsPerEvent} µs/event)`;

async function broadcastPhase(kind, server, gens, trigger) {
  const open = sum(await gens.all({ cmd: "record" }), "open");
  const firstEmit = Date.now();
  let failed = 0;
  const cpu0 = cpuSeconds(server.pids);
  const { result, maxRss, cpuPct } = await sampled(server.pids, async () => {
    const sends = [];
    for (let k = 0; k < EVENTS; k++) {
      const due = firstEmit + (k * 1000) / RATE;
      await sleep(Math.max(0, due - Date.now()));
      sends.push(trigger.broadcast(`bench:b:${k}:${Date.now()};`).catch(() => failed++));
    }
    await Promise.all(sends);
    await settle(gens, open * (EVENTS - failed));
  });
  void result;
  const cpuUs = (cpuSeconds(server.pids) - cpu0) * 1e6;
  const got = merge(await gens.all({ cmd: "collect" }));
  const expected = open * (EVENTS - failed);
  return {
    events: EVENTS,
    rate: RATE,
    streams: open,
    expected,
    received: got.received,
    lost: expected - got.received,
    failedRequests: failed,
    ...percentiles(got.latencies),
    offeredPerSec: open * RATE,
    deliveredPerSec: Math.round(got.received / Math.max(0.001, (got.lastAt - firstEmit) / 1000)),
    cpuPct,
    cpuUsPerEvent: round(cpuUs / Math.max(1, got.received), 1),
    maxRssMB: round(maxRss / 2 ** 20),
  };
}

async function targetedPhase(kind, server, gens, trigger, ids, batch, tag) {
  await gens.all({ cmd: "record" });
  const start = Date.now();
  const end = start + DURATION_MS;
  let seq = 0;
  let expected = 0;
  let requests = 0;
  let failed = 0;
  const cpu0 = cpuSeconds(server.pids);
  const { cpuPct, maxRss } = await sampled(server.pids, async () => {
    const worker = async () => {
      while (Date.now() < end) {
        const from = Math.floor(Math.random() * ids.length);
        const to = Array.from({ length: batch }, (_, j) => ids[(from + j) % ids.length]);
        try {
          await trigger.notify(to, `bench:${tag}:${seq++}:${Date.now()};`);
          expected += batch;
          requests++;
        } catch {
          failed++;
        }
      }
    };
    await Promise.all(Array.from({ length: INFLIGHT }, worker));
    await settle(gens, expected);
  });
  const cpuUs = (cpuSeconds(server.pids) - cpu0) * 1e6;
  const got = merge(await gens.all({ cmd: "collect" }));
  const seconds = Math.max(0.001, (got.lastAt - start) / 1000);
  return {
    recipientsPerRequest: batch,
    requests,
    failedRequests: failed,
    requestsPerSec: Math.round(requests / (DURATION_MS / 1000)),
    expected,
    received: got.received,
    lost: expected - got.received,
    ...percentiles(got.latencies),
    deliveredPerSec: Math.round(got.received / seconds),
    cpuUsPerEvent: round(cpuUs / Math.max(1, got.received), 1),
    cpuPct,
    maxRssMB: round(maxRss / 2 ** 20),
  };
}

// ---------- the two servers ----------

async function post(url, body, headers = {}) {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  await res.arrayBuffer();
  if (res.status >= 300) throw new Error(`${url}: ${res.status}`);
}

const NEXT_BIN = path.join(root, "node_modules/next/dist/bin/next");
const NEXT_BARE = path.join(root, "bench/next-bare");

/**
 * The two baselines speak the same protocol (GET /stream?user=, POST /broadcast and /notify,
 * GET /health; no auth): `args` start one on `port`.
 */
async function runBaseline(kind, args, env, users) {
  const port = await freePort();
  const child = spawnNode(args(port), { PATH: process.env.PATH, ...env });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const base = `http://${HOST}:${port}`;
  try {
    await waitHealthy(`${base}/health`, child, () => output);
    return await runPhases(kind, { port, pids: [child.pid] }, {
      broadcast: (message) => post(`${base}/broadcast`, { message, data: { startTime: new Date().toISOString() } }),
      notify: (to, message) => post(`${base}/notify`, { to, message, data: { symbol: "BENCH" } }),
    }, users);
  } finally {
    await stopProcess(child);
  }
}

const runFloor = (users) => runBaseline("floor", (port) => [path.join(root, "bench/floor-server.mjs"), String(port)], {}, users);

const runNextBare = (users) =>
  runBaseline(
    "next",
    (port) => [NEXT_BIN, "start", NEXT_BARE, "-p", String(port), "-H", HOST],
    { HOME: process.env.HOME, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    users,
  );

let heraldRuns = 0;

async function runHerald(users) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "herald-bench-"));
  const schemaTag = `${RUN_STAMP.toLowerCase().replace(/-/g, "_")}_${++heraldRuns}`;
  const databaseUrl = process.env.DATABASE_URL ? runSchemaUrl(process.env.DATABASE_URL, schemaTag) : undefined;
  log(`herald: creating ${N} bench users in ${databaseUrl ? `Postgres (DATABASE_URL, schema ${new URL(databaseUrl).searchParams.get("schema")}, dropped afterwards)` : "the embedded database"}`);
  const dropSchema = () => (databaseUrl ? dropRunSchema(databaseUrl) : Promise.resolve());
  onInterrupt.add(dropSchema);
  await createBenchUsers({ dataDir, databaseUrl }, users);
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    HERALD_DATA_DIR: dataDir,
    HERALD_API_KEY: API_KEY,
    HERALD_MAX_STREAMS: String(Math.max(20_000, N * 2)),
    // The same secret on every instance: a session cookie (and next-auth's CSRF pair) from one is valid on all.
    ...(databaseUrl ? { DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-secret-0" } : {}),
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    // Several instances: a fresh key prefix per run, so that no earlier run's presence or bus traffic is seen.
    ...(INSTANCES > 1 ? { HERALD_REDIS_PREFIX: `bench-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}:` } : {}),
    ...(process.env.HERALD_DIST_DIR ? { HERALD_DIST_DIR: process.env.HERALD_DIST_DIR } : {}),
  };
  if (INSTANCES > 1) log(`herald: ${INSTANCES} instances, Redis prefix ${env.HERALD_REDIS_PREFIX}`);
  const nodeFlags = opt["server-node-options"].split(/\s+/).filter(Boolean);
  if (opt["heap-snapshot"]) nodeFlags.push("--heapsnapshot-signal=SIGUSR2");
  const instances = [];
  for (let k = 0; k < INSTANCES; k++) {
    const port = await freePort();
    const child = spawnNode([...nodeFlags, NEXT_BIN, "start", "-p", String(port), "-H", HOST], env);
    const inst = { port, child, base: `http://${HOST}:${port}`, output: "" };
    child.stdout.on("data", (d) => (inst.output += d));
    child.stderr.on("data", (d) => (inst.output += d));
    instances.push(inst);
  }
  const auth = { authorization: `Bearer ${API_KEY}` };
  // Trigger requests go to the instances in turn (one instance: always the same).
  let turn = 0;
  const next = () => instances[turn++ % instances.length].base;
  try {
    await Promise.all(instances.map((i) => waitHealthy(`${i.base}/api/health`, i.child, () => i.output)));
    // Stream i (and its sign-in) goes to instance i mod K; with one instance users carry no port.
    const placed = INSTANCES > 1 ? users.map((u, i) => ({ ...u, port: instances[i % INSTANCES].port })) : users;
    return await runPhases("herald", { port: instances[0].port, pids: instances.map((i) => i.child.pid) }, {
      broadcast: (message) =>
        post(`${next()}/api/v1/broadcasts`, { type: "system_maintenance", message, data: { startTime: new Date().toISOString() } }, auth),
      notify: (to, message) => post(`${next()}/api/v1/notifications`, { to, type: "trading_alert", message, data: { symbol: "BENCH" } }, auth),
    }, placed);
  } finally {
    await Promise.all(instances.map((i) => stopProcess(i.child)));
    for (const [k, i] of instances.entries()) {
      const errors = i.output.split("\n").filter((l) => /error/i.test(l)).slice(0, 5);
      if (errors.length) log(`herald server${INSTANCES > 1 ? ` ${k}` : ""} log (errors):`, errors.join("\n"));
    }
    rmSync(dataDir, { recursive: true, force: true });
    onInterrupt.delete(dropSchema);
    await dropSchema().catch((err) => log(`herald: could not drop the run's schema: ${err.message}`));
  }
}

// ---------- report ----------

function ratio(a, b) {
  return a == null || b == null || b === 0 ? null : round(a / b, 2);
}

function compare(floor, next, herald) {
  const rows = [
    ["connect all (ms)", (r) => r?.connect.ms, null],
    ["connect failures", (r) => r?.connect.failed, null],
    ["server CPU per stream opened (ms)", (r) => r?.connect.cpuMsPerStream, null],
    ["fan-out p50 (ms)", (r) => r?.broadcast.p50, null],
    ["fan-out p95 (ms)", (r) => r?.broadcast.p95, null],
    ["fan-out p99 (ms)", (r) => r?.broadcast.p99, "≤ 1.5×"],
    ["fan-out max (ms)", (r) => r?.broadcast.max, null],
    ["fan-out lost events", (r) => r?.broadcast.lost, "0"],
    ["delivered events/s (broadcast)", (r) => r?.broadcast.deliveredPerSec, null],
    ["server CPU per broadcast event delivered (µs)", (r) => r?.broadcast.cpuUsPerEvent, null],
    ["RSS per idle stream (KB)", (r) => r?.memory.perConnectionKB, "≤ 2×"],
    ["RSS idle, all open (MB)", (r) => r?.memory.idleRssMB, null],
    ["RSS max under load (MB)", (r) => r?.memory.underLoadMaxRssMB, null],
    ["CPU idle (% of a core)", (r) => r?.cpu.idlePct, null],
    ["CPU during fan-out (%)", (r) => r?.cpu.broadcastPct, null],
    ["targeted 1/request: delivered/s", (r) => r?.single.deliveredPerSec, null],
    ["targeted 1/request: p50 / p99 (ms)", (r) => pair(r?.single), null],
    [`targeted ${BATCH}/request: delivered/s`, (r) => r?.batch.deliveredPerSec, "≥ 5,000/s (Postgres)"],
    [`targeted ${BATCH}/request: p50 / p99 (ms)`, (r) => pair(r?.batch), null],
    [`targeted ${BATCH}/request: server CPU per event (µs)`, (r) => r?.batch.cpuUsPerEvent, null],
    ["targeted lost events", (r) => add(r?.single.lost, r?.batch.lost), "0"],
    ["streams dropped", (r) => r?.dropped, "0"],
  ];
  const ratioOf = (h, base) => (typeof base === "number" && typeof h === "number" ? ratio(h, base) : null);
  return rows.map(([metric, pick, goal]) => {
    const [f, n, h] = [pick(floor), pick(next), pick(herald)];
    return { metric, floor: f ?? null, next: n ?? null, herald: h ?? null, ratio: ratioOf(h, f), ratioToNext: ratioOf(h, n), goal };
  });
}
const pair = (r) => (r ? `${r.p50} / ${r.p99}` : null);
const add = (a, b) => (a == null ? null : a + (b ?? 0));

function table(rows) {
  const herald = INSTANCES > 1 ? `herald ×${INSTANCES} instances` : "herald";
  const times = (x) => (x == null ? "" : `${x}×`);
  const cells = [["metric", "node:http floor", "bare Next route handler", herald, "herald ÷ floor", "herald ÷ bare Next", "goal (÷ floor)"]].concat(
    rows.map((r) => [r.metric, str(r.floor), str(r.next), str(r.herald), times(r.ratio), times(r.ratioToNext), r.goal ?? ""]),
  );
  const widths = cells[0].map((_, i) => Math.max(...cells.map((c) => c[i].length)));
  return cells.map((c, n) => "| " + c.map((x, i) => x.padEnd(widths[i])).join(" | ") + " |" + (n === 0 ? "\n|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|" : "")).join("\n");
}
const str = (v) => (v == null ? "" : typeof v === "number" ? v.toLocaleString("en-US") : String(v));

// ---------- main ----------

async function main() {
  const machine = {
    nproc: os.availableParallelism?.() ?? os.cpus().length,
    cpu: os.cpus()[0]?.model ?? "unknown",
    memoryGB: round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    fdLimit: execFileSync("/bin/sh", ["-c", "ulimit -Hn"]).toString().trim(),
    database: process.env.DATABASE_URL ? "postgres" : "pglite",
    loadAverage: os.loadavg().map((x) => round(x, 2)),
  };
  const options = { connections: N, rate: RATE, events: EVENTS, durationS: DURATION_MS / 1000, batch: BATCH, inflight: INFLIGHT, generators: GENERATORS, instances: INSTANCES, repeat: REPEAT };
  log("machine", machine);
  log("options", options);
  if (!opt["skip-build"] && runs("herald")) {
    log("building Herald (npm run build)…");
    // The build needs no database; with DATABASE_URL set it would also demand NEXTAUTH_SECRET.
    const { DATABASE_URL: _db, REDIS_URL: _redis, ...buildEnv } = process.env;
    execFileSync("npm", ["run", "--silent", "build"], { cwd: root, env: buildEnv, stdio: ["ignore", "ignore", "inherit"] });
  }
  if (runs("next") && (!opt["skip-build"] || !existsSync(path.join(NEXT_BARE, ".next", "BUILD_ID")))) {
    log("building the bare Next.js route handler (bench/next-bare)…");
    // With webpack: Turbopack takes the lockfile's directory (Herald's root) as its root and
    // compiles Herald's instrumentation.ts into this app, which would boot Herald inside it.
    execFileSync(process.execPath, [NEXT_BIN, "build", "--webpack", NEXT_BARE], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
  const users = benchUsers(N);
  // The machine's noise moves single runs a lot: with --repeat the servers take turns, K times.
  const all = { floor: [], next: [], herald: [] };
  const start = { floor: runFloor, next: runNextBare, herald: runHerald };
  for (let k = 1; k <= REPEAT; k++) {
    if (REPEAT > 1) log(`run ${k} of ${REPEAT}`);
    for (const server of SERVERS) if (runs(server)) all[server].push(await start[server](users));
  }
  const [floor, next, herald] = SERVERS.map((s) => (all[s].length ? medianOf(all[s]) : null));
  machine.loadAverageAtEnd = os.loadavg().map((x) => round(x, 2));
  const rows = compare(floor, next, herald);
  const stamp = RUN_STAMP;
  const result = {
    at: new Date().toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim(),
    machine,
    options,
    ...(REPEAT > 1 ? { note: `floor, next and herald are medians of ${REPEAT} runs, figure by figure; runs holds each run` } : {}),
    floor,
    next,
    herald,
    summary: rows,
    ...(REPEAT > 1 ? { runs: all } : {}),
  };
  const jsonPath = path.join(resultsDir, `bench-${stamp}.json`);
  const svgPath = path.join(resultsDir, `bench-${stamp}.svg`);
  writeFileSync(jsonPath, JSON.stringify(result, null, 2));
  writeFileSync(svgPath, chart(result));
  writeFileSync(path.join(resultsDir, "latest.json"), JSON.stringify(result, null, 2));
  writeFileSync(path.join(resultsDir, "latest.svg"), chart(result));
  console.log(`\n${N.toLocaleString("en-US")} streams, ${EVENTS} broadcasts at ${RATE}/s, targeted phases of ${DURATION_MS / 1000} s${INSTANCES > 1 ? `, ${INSTANCES} Herald instances (RSS and CPU summed)` : ""} (${machine.nproc} cores, ${machine.memoryGB} GB, Node ${machine.node}, ${machine.database})\n`);
  if (REPEAT > 1) console.log(`Each figure is the median of ${REPEAT} runs (a ratio is of the medians).`);
  console.log(table(rows));
  if (REPEAT > 1 && all.floor.length && all.herald.length) {
    const byRun = all.herald.map((h, i) => `${ratio(h.broadcast.p99, all.floor[i].broadcast.p99)}×`).join(", ");
    console.log(`\nfan-out p99, herald ÷ floor run by run: ${byRun}`);
  }
  console.log(`\nwrote ${path.relative(root, jsonPath)} and ${path.relative(root, svgPath)}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
