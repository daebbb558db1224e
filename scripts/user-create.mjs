// `npm run user:create -- [--admin] [--name "Your Name"] you@example.com`
// Creates a user (or updates the one with that email) whose email counts as confirmed: how a
// deployment outside demo mode gets its first admin. The password is asked on the terminal (not
// echoed, twice) or read from the first line of stdin (`printf '%s\n' "$PW" | npm run user:create …`).
// Uses the database the server uses: DATABASE_URL (Postgres, migrated with `npm run db:migrate`),
// or else the embedded one in HERALD_DATA_DIR (default .herald): stop the server first, since
// an embedded database serves one process at a time.
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import pg from "pg";
import { hashPassword } from "../lib/auth/password.ts";
import { applyMigrations, pendingMigrations, pgRunner } from "../lib/db/migrate.mjs";
import { pgOptionsFromUrl } from "../lib/db/pg-options.mjs";

const usage = 'usage: npm run user:create -- [--admin] [--name "Your Name"] you@example.com';

function fail(message) {
  console.error(message);
  process.exit(1);
}

let args;
try {
  args = parseArgs({ options: { admin: { type: "boolean" }, name: { type: "string" }, help: { type: "boolean" } }, allowPositionals: true });
} catch (err) {
  fail(`${err.message}\n${usage}`);
}
if (args.values.help) {
  console.log(usage);
  process.exit(0);
}
const email = args.positionals[0]?.trim().toLowerCase();
if (!email || args.positionals.length > 1 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fail(usage);
const name = args.values.name?.trim() || null;

/** A line from the terminal without echoing it. */
function askHidden(question) {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    rl._writeToOutput = (text) => {
      if (text.startsWith(question)) process.stdout.write(question);
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write("\n");
      resolve(answer);
    });
  });
}

async function readPassword() {
  if (process.stdin.isTTY) {
    const first = await askHidden("Password: ");
    const again = await askHidden("Again: ");
    if (first !== again) fail("The two passwords differ.");
    return first;
  }
  let text = "";
  for await (const chunk of process.stdin) text += chunk;
  return text.split(/\r?\n/)[0] ?? "";
}

const password = await readPassword();
if (password.length < 8 || password.length > 200) fail("The password must be 8 to 200 characters.");
const passwordHash = await hashPassword(password);

const upsert = `INSERT INTO "User" (id, email, name, "passwordHash", role, "emailVerifiedAt")
  VALUES ($1, $2, COALESCE($3, split_part($2, '@', 1)), $4, CASE WHEN $5 THEN 'ADMIN'::"Role" ELSE 'USER'::"Role" END, $6::timestamp(3))
  ON CONFLICT (email) DO UPDATE SET
    "passwordHash" = EXCLUDED."passwordHash",
    name = COALESCE($3, "User".name),
    role = CASE WHEN $5 THEN 'ADMIN'::"Role" ELSE "User".role END,
    "emailVerifiedAt" = COALESCE("User"."emailVerifiedAt", EXCLUDED."emailVerifiedAt")
  RETURNING id, role::text AS role, (xmax = 0) AS created`;
// Timestamps are UTC wall-clock (TIMESTAMP(3) without zone), as Prisma writes them.
const params = [randomUUID(), email, name, passwordHash, !!args.values.admin, new Date().toISOString()];

let row;
if (process.env.DATABASE_URL) {
  const { poolConfig } = pgOptionsFromUrl(process.env.DATABASE_URL);
  const client = new pg.Client(poolConfig);
  await client.connect();
  try {
    const pending = await pendingMigrations(pgRunner(client));
    if (pending.length > 0) fail(`The database is missing ${pending.length} migration(s): run \`npm run db:migrate\` first.`);
    [row] = (await client.query(upsert, params)).rows;
  } finally {
    await client.end();
  }
} else {
  const { PGlite } = await import("@electric-sql/pglite");
  const dir = path.resolve(process.env.HERALD_DATA_DIR || ".herald", "pglite");
  mkdirSync(dir, { recursive: true });
  let db;
  try {
    db = new PGlite(dir);
    await db.waitReady;
  } catch (err) {
    fail(`Could not open the embedded database in ${dir} (is the server running? stop it first): ${err.message}`);
  }
  try {
    await applyMigrations({ exec: async (text) => void (await db.exec(text)), query: async (text, p = []) => (await db.query(text, p)).rows });
    [row] = (await db.query(upsert, params)).rows;
  } finally {
    await db.close();
  }
}
console.log(`${row.created ? "Created" : "Updated"} ${email} (${row.role === "ADMIN" ? "admin" : "user"}, email confirmed). Sign in at /signin.`);
