// Starts the built app (`next start`) on a free port with its own database, for integration tests
// that use it over HTTP as a client would. Postgres when TEST_DATABASE_URL is set (a fresh schema
// per server, migrated with `npm run db:migrate`), the embedded PGlite otherwise.
import { spawn, type ChildProcess, execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "./free-port";

export { freePort };

const root = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

export type TestServer = {
  url: string;
  /** The Postgres URL (with its schema) this server uses, for a second instance on the same data. */
  databaseUrl: string | null;
  port: number;
  backend: "postgres" | "pglite";
  logs(): string;
  /** The server process's id (for its memory, in /proc). */
  readonly pid: number;
  stop(): Promise<void>;
  /** Sends a signal and waits for the process to exit (SIGKILL after `graceMs`); the database stays. */
  kill(signal: "SIGTERM" | "SIGKILL", graceMs?: number): Promise<number | null>;
  /** Starts the process again after kill(), on the same port and database. */
  start(extraEnv?: Record<string, string>): Promise<void>;
  /** Stops the process (SIGTERM, or SIGKILL for a crash) but keeps the database, for restart tests. */
  restart(extraEnv?: Record<string, string>, signal?: "SIGTERM" | "SIGKILL"): Promise<void>;
};

export const API_KEY = "test-api-key-0123456789";
export const DEMO_PASSWORD = "herald-demo";

export function wantPostgres(): boolean {
  return !!process.env.TEST_DATABASE_URL;
}

/** A fresh, migrated schema in TEST_DATABASE_URL's database. */
export async function createSchema(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL!;
  const schema = `herald_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  await client.query(`CREATE SCHEMA "${schema}"`);
  await client.end();
  const url = new URL(base);
  url.searchParams.set("schema", schema);
  await run("npm", ["run", "--silent", "db:migrate"], { cwd: root, env: { ...process.env, DATABASE_URL: url.toString() } });
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    },
  };
}

export async function startServer(
  opts: { env?: Record<string, string>; backend?: "postgres" | "pglite"; databaseUrl?: string } = {},
): Promise<TestServer> {
  const backend = opts.databaseUrl ? "postgres" : (opts.backend ?? (wantPostgres() ? "postgres" : "pglite"));
  const dataDir = mkdtempSync(path.join(tmpdir(), "herald-test-"));
  // A server given a databaseUrl shares another's database and leaves dropping it to that one.
  const db = opts.databaseUrl
    ? { url: opts.databaseUrl, drop: async () => undefined }
    : backend === "postgres"
      ? await createSchema()
      : null;
  const port = await freePort();
  let child: ChildProcess | null = null;
  let output = "";

  // A restart keeps the port, so sessions made against the first process still address it.
  const launch = async (extraEnv: Record<string, string> = {}) => {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      HERALD_DATA_DIR: dataDir,
      HERALD_API_KEY: API_KEY,
      HERALD_OFFLINE_GRACE_MS: "1500",
      HERALD_OUTBOX_POLL_MS: "200",
      ...(db ? { DATABASE_URL: db.url, HERALD_DEMO: "true", NEXTAUTH_SECRET: "test-secret-test-secret-test-secret-42" } : {}),
      ...opts.env,
      ...extraEnv,
    };
    child = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port)], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    await waitForHealth(`http://127.0.0.1:${port}`, child, () => output);
  };

  const kill = async (signal: "SIGTERM" | "SIGKILL" = "SIGTERM", graceMs = 5000): Promise<number | null> => {
    const c = child as ChildProcess | null;
    child = null;
    if (!c || c.exitCode !== null) return c?.exitCode ?? null;
    return new Promise<number | null>((resolve) => {
      c.once("exit", (code) => resolve(code));
      c.kill(signal);
      setTimeout(() => c.kill("SIGKILL"), graceMs).unref();
    });
  };

  await launch();
  const server: TestServer = {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    backend,
    databaseUrl: db?.url ?? null,
    logs: () => output,
    get pid() {
      return (child as ChildProcess | null)?.pid ?? -1;
    },
    kill: (signal, graceMs) => kill(signal, graceMs),
    start: (extraEnv) => launch(extraEnv),
    async restart(extraEnv, signal) {
      await kill(signal);
      await launch(extraEnv);
    },
    async stop() {
      await kill();
      await db?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

async function waitForHealth(url: string, child: ChildProcess, logs: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${logs()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`server did not become healthy:\n${logs()}`);
}
