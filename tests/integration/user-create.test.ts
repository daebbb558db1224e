// The first admin outside demo mode: `npm run user:create -- --admin …` against the database a
// server then uses (Postgres when TEST_DATABASE_URL is set, otherwise an embedded data folder).
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Session, signedIn } from "../support/client";
import { createSchema, startServer, wantPostgres, type TestServer } from "../support/server";

const root = path.resolve(import.meta.dirname, "../..");
const SECRET = "test-secret-test-secret-test-secret-42";

/** Runs the command with `password` on stdin; resolves with its exit code and output. */
function userCreate(args: string[], password: string, env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = execFile("npm", ["run", "--silent", "user:create", "--", ...args], { cwd: root, env: { ...process.env, ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? Number(err.code ?? 1) : 0, output: stdout + stderr }),
    );
    child.stdin!.end(`${password}\n`);
  });
}

describe("npm run user:create", () => {
  let server: TestServer | undefined;
  const cleanup: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    await server?.stop();
    for (const c of cleanup.reverse()) await c();
  });

  it("creates the first admin of a deployment without demo users, who can sign in and reach /admin", async () => {
    const schema = wantPostgres() ? await createSchema() : null;
    const dataDir = mkdtempSync(path.join(tmpdir(), "herald-user-create-"));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }), async () => void (await schema?.drop()));
    const target: Record<string, string> = schema ? { DATABASE_URL: schema.url } : { HERALD_DATA_DIR: dataDir };

    const short = await userCreate(["--admin", "root@example.test"], "short", target);
    expect(short.code).not.toBe(0);
    expect(short.output).toContain("8 to 200 characters");

    const created = await userCreate(["--admin", "--name", "Root", "root@example.test"], "first-root-password", target);
    expect(created.output).toContain("Created root@example.test (admin, email confirmed)");
    expect(created.code).toBe(0);
    // Run again (without --admin): the password changes, the role stays.
    const updated = await userCreate(["root@example.test"], "second-root-password", target);
    expect(updated.output).toContain("Updated root@example.test (admin");

    server = await startServer({
      ...(schema ? { databaseUrl: schema.url } : { backend: "pglite" as const }),
      env: { ...target, HERALD_DEMO: "false", NEXTAUTH_SECRET: SECRET },
    });
    expect((await new Session(server.url).attemptSignIn("bob@herald.test")).error).toBe("CredentialsSignin");
    expect((await new Session(server.url).attemptSignIn("root@example.test", "first-root-password")).error).toBe("CredentialsSignin");
    const root = await signedIn(server.url, "root@example.test", "second-root-password");
    const admin = await root.fetch("/admin");
    expect(admin.status).toBe(200);
    expect(await admin.text()).toContain("Broadcast maintenance notice");
  });
});
