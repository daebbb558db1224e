// Child processes (servers, generators) and what /proc says about them: RSS and CPU of a process tree.
import { execFileSync, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { HOST, opt, root, sleep } from "./options.mjs";
import { round } from "./stats.mjs";

// Children are ended with the bench, even when it is interrupted; so is the run's Postgres schema.
export const children = new Set();
export const onInterrupt = new Set();
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    for (const c of children) c.kill("SIGKILL");
    await Promise.allSettled([...onInterrupt].map((f) => f()));
    process.exit(130);
  });
}
export function track(child) {
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

/**
 * Runs `node args` with the soft fd limit raised to the hard one (each stream is a descriptor);
 * `node`: the bench's own Node (generators) or --server-node (servers).
 */
export function spawnNode(args, env, stdio = ["ignore", "pipe", "pipe"], node = process.execPath) {
  return track(spawn("/bin/sh", ["-c", 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"', "sh", node, ...args], {
    cwd: root,
    env,
    stdio,
  }));
}

export function descendants(pid) {
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
export const trees = (pids) => [pids].flat().flatMap(descendants);

export function rssBytes(pids) {
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

export const TICK = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
export function cpuSeconds(pids) {
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
export async function sampled(pid, work) {
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

export async function waitHealthy(url, child, output) {
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

export async function stopProcess(child) {
  if (child.exitCode !== null) return;
  await new Promise((resolve) => {
    child.once("exit", resolve);
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 15_000).unref();
  });
}

export async function freePort() {
  const net = await import("node:net");
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, HOST, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Runs a server (floor, bare Next, Herald) on the Node given by --server-node. */
export const spawnServer = (args, env) => spawnNode(args, env, undefined, opt["server-node"]);

/** The version of the Node that runs the servers. */
export const serverNodeVersion = () => execFileSync(opt["server-node"], ["--version"]).toString().trim();
