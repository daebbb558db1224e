// The three servers: the node:http floor, the bare Next.js route handler, and Herald's production
// build (one or several instances), each started, put through the phases, and stopped.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { API_KEY, HOST, INSTANCES, N, RECONNECT_RATE, RUN_STAMP, log, opt, root } from "./options.mjs";
import { runPhases } from "./phases.mjs";
import { freePort, onInterrupt, spawnServer, stopProcess, waitHealthy } from "./processes.mjs";
import { createBenchUsers, dropRunSchema, runSchemaUrl } from "../users.mjs";

export async function post(url, body, headers = {}) {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  await res.arrayBuffer();
  if (res.status >= 300) throw new Error(`${url}: ${res.status}`);
}

export const NEXT_BIN = path.join(root, "node_modules/next/dist/bin/next");
export const NEXT_BARE = path.join(root, "bench/next-bare");

/**
 * The two baselines speak the same protocol (GET /stream?user=, POST /broadcast and /notify,
 * GET /health; no auth): `args` start one on `port`.
 */
export async function runBaseline(kind, args, env, users) {
  const port = await freePort();
  const child = spawnServer(args(port), { PATH: process.env.PATH, ...env });
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

export const runFloor = (users) => runBaseline("floor", (port) => [path.join(root, "bench/floor-server.mjs"), String(port)], {}, users);

export const runNextBare = (users) =>
  runBaseline(
    "next",
    (port) => [NEXT_BIN, "start", NEXT_BARE, "-p", String(port), "-H", HOST],
    { HOME: process.env.HOME, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    users,
  );

export let heraldRuns = 0;

export async function runHerald(users) {
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
    HERALD_RECONNECT_RATE: String(RECONNECT_RATE),
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
  const launch = (inst) => {
    inst.child = spawnServer([...nodeFlags, NEXT_BIN, "start", "-p", String(inst.port), "-H", HOST], env);
    inst.child.stdout.on("data", (d) => (inst.output += d));
    inst.child.stderr.on("data", (d) => (inst.output += d));
  };
  for (let k = 0; k < INSTANCES; k++) {
    const port = await freePort();
    const inst = { port, child: null, base: `http://${HOST}:${port}`, output: "" };
    launch(inst);
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
    const server = { port: instances[0].port, pids: instances.map((i) => i.child.pid) };
    /** The restart phase (one instance): SIGTERM, wait for the exit, start again on the same port and database. */
    server.restart = async () => {
      const inst = instances[0];
      const old = inst.child;
      const exited = new Promise((resolve) => old.once("exit", resolve));
      old.kill("SIGTERM");
      const killer = setTimeout(() => old.kill("SIGKILL"), 60_000);
      await exited;
      clearTimeout(killer);
      const exitedAt = Date.now();
      launch(inst);
      server.pids[0] = inst.child.pid;
      await waitHealthy(`${inst.base}/api/health`, inst.child, () => inst.output);
      return { exitedAt, healthyAt: Date.now() };
    };
    return await runPhases("herald", server, {
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
