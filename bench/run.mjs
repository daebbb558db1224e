// `npm run bench`: the same load against the Node.js floor (bench/floor-server.mjs), against the
// least a Next.js route handler can do (bench/next-bare: the design card's own floor) and against
// Herald's production build, one after the other on this machine, from forked load generators on
// raw sockets. Writes bench/results/bench-<time>.json and .svg and prints a summary table.
// Loopback only; every loop is bounded in count and time. Not part of `npm test`.
import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chart } from "./chart.mjs";
import { benchUsers } from "./users.mjs";
import { BATCH, DURATION_MS, EVENTS, GENERATORS, INFLIGHT, INSTANCES, N, RATE, REPEAT, RUN_STAMP, SERVERS, log, opt, resultsDir, root, runs } from "./lib/options.mjs";
import { compare, ratio, table } from "./lib/report.mjs";
import { serverNodeVersion } from "./lib/processes.mjs";
import { NEXT_BARE, NEXT_BIN, runFloor, runHerald, runNextBare } from "./lib/servers.mjs";
import { medianOf, round } from "./lib/stats.mjs";

// ---------- main ----------

async function main() {
  const machine = {
    nproc: os.availableParallelism?.() ?? os.cpus().length,
    cpu: os.cpus()[0]?.model ?? "unknown",
    memoryGB: round(os.totalmem() / 2 ** 30),
    node: process.version,
    serverNode: serverNodeVersion(),
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
  console.log(`\n${N.toLocaleString("en-US")} streams, ${EVENTS} broadcasts at ${RATE}/s, targeted phases of ${DURATION_MS / 1000} s${INSTANCES > 1 ? `, ${INSTANCES} Herald instances (RSS and CPU summed)` : ""} (${machine.nproc} cores, ${machine.memoryGB} GB, servers on Node ${machine.serverNode}, ${machine.database})\n`);
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
