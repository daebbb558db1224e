// Start-up: configuration errors stop the server with a message naming the variable; the embedded
// database is created, migrated and seeded on first start and keeps its data across restarts.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { api, signedIn } from "../support/client";
import pg from "pg";
import { createSchema, freePort, startServer, wantPostgres, type TestServer } from "../support/server";

const root = path.resolve(import.meta.dirname, "../..");

/** Starts `next start` with the given env and waits for it to exit (it should not come up). */
async function startExpectingExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port)], {
    cwd: root,
    env: { PATH: process.env.PATH, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  // Next starts lazily: a first request makes sure instrumentation has run.
  const poke = setInterval(() => fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined), 300);
  const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
  clearTimeout(timer);
  clearInterval(poke);
  return { code, output };
}

describe("configuration errors", () => {
  it("stops with a message naming a bad variable", async () => {
    const { code, output } = await startExpectingExit({ HERALD_MAX_STREAMS_PER_USER: "lots", HERALD_DATA_DIR: "/tmp/herald-bad-env" });
    expect(code).not.toBe(0);
    expect(output).toContain("HERALD_MAX_STREAMS_PER_USER");
  });

  it("requires NEXTAUTH_SECRET outside demo mode", async () => {
    const { code, output } = await startExpectingExit({ DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/test" });
    expect(code).not.toBe(0);
    expect(output).toContain("NEXTAUTH_SECRET");
  });
});

describe("the embedded database", () => {
  let server: TestServer;
  afterAll(async () => {
    await server?.stop();
  });

  it("is created, migrated and seeded on first start and keeps its data across a restart", async () => {
    server = await startServer({ backend: "pglite" });
    const bob = await signedIn(server.url, "bob@herald.test");
    expect(await bob.userId()).toBe("u_bob");
    const sent = await api(server.url, "POST", "/api/v1/notifications", {
      to: "u_bob",
      type: "badge_earned",
      message: "kept across restarts",
      data: { badgeId: "b", name: "B" },
    });
    expect(sent.status).toBe(202);

    await server.restart();
    const ledger = await api(server.url, "GET", `/api/v1/notifications/${sent.body!.id}`);
    expect(ledger.status).toBe(200);
    expect(ledger.body!.message).toBe("kept across restarts");
    // The session survives too: the demo secret was generated once and kept in the data folder.
    const stream = await bob.stream({ lastEventId: String(BigInt(sent.body!.id) - 1n) });
    expect((await stream.waitFor((e) => e.id === sent.body!.id)).message).toBe("kept across restarts");
    stream.close();
  });
});

describe("the runtime", () => {
  it("npm start serves Herald from the Node that npm install brought (>= 24), whatever Node comes first on PATH", async () => {
    // A user's shell: node_modules/.bin is not on PATH (npm adds it for its scripts), and the
    // system Node (20 on these machines) is whatever `node` means.
    const PATH = (process.env.PATH ?? "").split(path.delimiter).filter((p) => !p.includes(`node_modules${path.sep}.bin`)).join(path.delimiter);
    const port = await freePort();
    const child = spawn("npm", ["start", "--silent", "--", "-p", String(port)], {
      cwd: root,
      env: { PATH, HOME: process.env.HOME, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", HERALD_DATA_DIR: mkdtempSync(path.join(tmpdir(), "herald-runtime-")) },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    try {
      const deadline = Date.now() + 60_000;
      while (!/"msg":"ready: node=v(\d+)/.test(output) && child.exitCode === null && Date.now() < deadline) {
        await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined);
        await new Promise((r) => setTimeout(r, 200));
      }
      const major = Number(/"msg":"ready: node=v(\d+)/.exec(output)?.[1]);
      expect(major, output).toBeGreaterThanOrEqual(24);
    } finally {
      process.kill(-child.pid!, "SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
  });
});

// Needs a Postgres server: runs when TEST_DATABASE_URL is set (.ci/run sets it).
describe.runIf(!!process.env.TEST_DATABASE_URL)("a Postgres database", () => {
  it("without migrations stops start-up with a message saying how to migrate", async () => {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.searchParams.set("schema", `herald_unmigrated_${process.pid}`);
    const { code, output } = await startExpectingExit({
      DATABASE_URL: url.toString(),
      NEXTAUTH_SECRET: "x".repeat(32),
    });
    expect(code).not.toBe(0);
    expect(output).toContain("npm run db:migrate");
  });
});

describe.runIf(wantPostgres())("instances that start together on a fresh database", () => {
  // Demo mode seeds at start-up; two processes seeding at once raced on the seed's unique keys
  // and one died. The seed now runs under a Postgres advisory lock: one seeds, the other waits and
  // finds everything in place. Two rounds, each a pair started at the same moment.
  it.each([1, 2])("both come up, and the demo data exists once (round %i)", async () => {
    const schema = await createSchema();
    const servers: TestServer[] = [];
    try {
      const started = await Promise.allSettled([0, 1].map(() => startServer({ databaseUrl: schema.url, env: { HERALD_DEMO: "true" } })));
      for (const s of started) if (s.status === "fulfilled") servers.push(s.value);
      expect(started.map((s) => (s.status === "rejected" ? String(s.reason).slice(0, 2000) : "up"))).toEqual(["up", "up"]);
      for (const s of servers) expect((await fetch(`${s.url}/api/health`)).status).toBe(200);
      const db = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await db.connect();
      const name = new URL(schema.url).searchParams.get("schema")!;
      const users = await db.query(`SELECT count(*)::int AS n FROM "${name}"."User"`);
      const seeded = await db.query(`SELECT count(*)::int AS n FROM "${name}"."Notification" WHERE "idempotencyKey" LIKE 'seed:%'`);
      await db.end();
      expect(users.rows[0].n).toBe(3);
      expect(seeded.rows[0].n).toBe(7);
      // Either may serve a sign-in.
      for (const s of servers) await signedIn(s.url, "bob@herald.test");
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
      await schema.drop();
    }
  });
});
