// Bench users, written straight into the database before the server starts (no signup endpoint:
// nothing is added to the app). Their password hashes use scrypt with N=1024 instead of the app's
// 16384 so that signing 10,000 users in through next-auth does not spend minutes in scrypt;
// verifyPassword reads the cost from the stored hash, so the sign-in path itself is the real one.
import { randomBytes, scryptSync } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { applyMigrations, migratePostgres, pgRunner } from "../lib/db/migrate.mjs";
import { pgOptionsFromUrl, quoteIdent } from "../lib/db/pg-options.mjs";

export const BENCH_PASSWORD = "bench-password-1";

export function benchUsers(n) {
  return Array.from({ length: n }, (_, i) => ({ id: `bench_${i}`, email: `bench-${i}@bench.herald.test` }));
}

function cheapHash(password) {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize("NFKC"), salt, 32, { N: 1024, r: 8, p: 1 });
  return `scrypt$1024$8$1$${salt.toString("base64")}$${key.toString("base64")}`;
}

async function insert(sql, users) {
  const hash = cheapHash(BENCH_PASSWORD);
  for (let i = 0; i < users.length; i += 500) {
    const slice = users.slice(i, i + 500);
    // Verified: sign-in refuses an unconfirmed email address.
    const values = slice.map((_, j) => `($${j * 3 + 1}, $${j * 3 + 2}, $${j * 3 + 3}, $${slice.length * 3 + 1}, now())`).join(",");
    const params = slice.flatMap((u, j) => [u.id, u.email, `Bench ${i + j}`]);
    await sql.query(
      `INSERT INTO "User" (id, email, name, "passwordHash", "emailVerifiedAt") VALUES ${values}
       ON CONFLICT (id) DO UPDATE SET "passwordHash" = EXCLUDED."passwordHash", "emailVerifiedAt" = EXCLUDED."emailVerifiedAt"`,
      [...params, hash],
    );
  }
}

/**
 * A Postgres URL for this run's own schema, so that no earlier run's rows (notifications, pending
 * escalations the outbox would work through) load this one: as fresh as the embedded database's
 * new directory. `dropRunSchema` removes it afterwards.
 */
export function runSchemaUrl(databaseUrl, stamp) {
  const url = new URL(databaseUrl);
  url.searchParams.set("schema", `herald_bench_${stamp}`);
  return url.toString();
}

async function withPg(databaseUrl, work) {
  const { default: pg } = await import("pg");
  const client = new pg.Client(pgOptionsFromUrl(databaseUrl).poolConfig);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function dropRunSchema(databaseUrl) {
  const { schema } = pgOptionsFromUrl(databaseUrl);
  if (schema) await withPg(databaseUrl, (client) => client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`));
}

/** Creates the bench users in the embedded database at dataDir, or at databaseUrl (schema created and migrated). */
export async function createBenchUsers({ dataDir, databaseUrl }, users) {
  if (databaseUrl) {
    await withPg(databaseUrl, async (client) => {
      await migratePostgres(client, pgOptionsFromUrl(databaseUrl).schema);
      await insert(pgRunner(client), users);
    });
    return;
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const dir = path.resolve(dataDir, "pglite");
  mkdirSync(dir, { recursive: true });
  const pglite = new PGlite(dir);
  try {
    const sql = {
      exec: async (text) => void (await pglite.exec(text)),
      query: async (text, params = []) => (await pglite.query(text, params)).rows,
    };
    await applyMigrations(sql);
    await insert(sql, users);
  } finally {
    await pglite.close();
  }
}
