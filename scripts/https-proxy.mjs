#!/usr/bin/env node
// `npm run start:https`: Herald behind Caddy on this machine, over HTTPS and HTTP/2 with Caddy's
// internal certificate authority (browsers warn until you trust it; nothing is installed). Starts
// `next start` on 127.0.0.1 (PORT, default 3000) and Caddy with deploy/Caddyfile on
// https://localhost:HERALD_HTTPS_PORT (default 8443). `--upstream host:port` proxies a Herald that is
// already running instead; `--port N` overrides the HTTPS port. Caddy keeps its certificates in a
// temporary folder, removed on exit, and runs without its admin endpoint, so runs never clash.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const root = path.resolve(import.meta.dirname, "..");
const { values: args } = parseArgs({ options: { upstream: { type: "string" }, port: { type: "string" } } });
const caddy = process.env.CADDY_BIN || "caddy";
const httpsPort = Number(args.port ?? process.env.HERALD_HTTPS_PORT ?? 8443);
if (!Number.isInteger(httpsPort) || httpsPort < 1 || httpsPort > 65535) fail(`not a port: ${args.port ?? process.env.HERALD_HTTPS_PORT}`);

const version = spawnSync(caddy, ["version"], { encoding: "utf8" });
if (version.status !== 0) fail(`Caddy is not installed (${caddy}): apt-get install caddy, or set CADDY_BIN`);

const children = [];
let upstream = args.upstream;
if (!upstream) {
  const appPort = process.env.PORT || "3000";
  upstream = `127.0.0.1:${appPort}`;
  // Only Caddy reaches it (127.0.0.1): the client address is the X-Forwarded-For entry Caddy writes.
  const env = { HERALD_TRUSTED_PROXIES: "1", ...process.env };
  children.push(start("next", process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", appPort], env));
}

const home = mkdtempSync(path.join(tmpdir(), "herald-caddy-"));
const options = [
  "admin off",
  "local_certs",
  "skip_install_trust",
  "auto_https disable_redirects",
  `https_port ${httpsPort}`,
  "default_bind 127.0.0.1",
  // HTTP/1.1 and HTTP/2 only here: a browser would not use HTTP/3 with an untrusted local certificate anyway.
  "servers {\n\tprotocols h1 h2\n}",
].join("\n");
children.push(
  start("caddy", caddy, ["run", "--adapter", "caddyfile", "--config", path.join(root, "deploy/Caddyfile")], {
    ...process.env,
    // Caddy's internal CA and certificates live here, never in the repository or your home.
    HOME: home,
    XDG_DATA_HOME: path.join(home, "data"),
    XDG_CONFIG_HOME: path.join(home, "config"),
    HERALD_CADDY_OPTIONS: options,
    HERALD_SITE: `https://localhost:${httpsPort}, https://127.0.0.1:${httpsPort}`,
    HERALD_UPSTREAM: upstream,
  }),
);

await listening(httpsPort);
console.log(`[herald] https://localhost:${httpsPort} (HTTP/2 through Caddy ${version.stdout.split(" ")[0]}, internal certificate) → http://${upstream}`);

for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stop(0));
// Whoever started this went away without stopping it (a killed test run): do not outlive it.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && stop(1), 1000).unref();

function start(name, command, argv, env) {
  const child = spawn(command, argv, { env, stdio: ["ignore", "inherit", "inherit"] });
  child.on("exit", (code) => {
    console.error(`[herald] ${name} exited (${code ?? "signal"})`);
    stop(code ?? 1);
  });
  return child;
}

function stop(code) {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  rmSync(home, { recursive: true, force: true });
  process.exit(code);
}

async function listening(port) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const open = await new Promise((resolve) => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  console.error(`[herald] nothing listens on ${port} after 30 s`);
  stop(1);
}

function fail(message) {
  console.error(`[herald] ${message}`);
  process.exit(1);
}
