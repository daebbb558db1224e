// Applies prisma/migrations in order, recording them in Prisma's own `_prisma_migrations` table
// with Prisma's checksum (sha256 of the file). The app runs it on start for the embedded database;
// `npm run db:migrate` runs it against DATABASE_URL. (Prisma 6's JS schema engine cannot migrate
// through @prisma/adapter-pg: it fails on Postgres's `name` type, prisma/orm#27403.)
// Plain JS so the migrate script runs on Node without a TS loader.
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { quoteIdent } from "./pg-options.mjs";

/**
 * @typedef {{
 *   exec(sql: string): Promise<void>;
 *   query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
 * }} SqlRunner
 */

const dir = () => path.resolve(process.cwd(), "prisma", "migrations");
// Serialises concurrent migrators (two app instances starting at once) on Postgres.
const LOCK_ID = 72_707_369;

/** @returns {Promise<string[]>} */
async function migrationNames() {
  const entries = await readdir(dir(), { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

/** @param {SqlRunner} sql */
async function applied(sql) {
  const exists = await sql.query(`SELECT to_regclass('_prisma_migrations')::text AS present`);
  if (!exists[0]?.present) return new Set();
  const rows = await sql.query(
    `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  return new Set(rows.map((r) => String(r.migration_name)));
}

/** @param {SqlRunner} sql @returns {Promise<string[]>} */
export async function pendingMigrations(sql) {
  const done = await applied(sql);
  return (await migrationNames()).filter((n) => !done.has(n));
}

/** @param {SqlRunner} sql @returns {Promise<string[]>} the migrations applied now */
export async function applyMigrations(sql) {
  await sql.exec(`SELECT pg_advisory_lock(${LOCK_ID})`);
  try {
    await sql.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const pending = await pendingMigrations(sql);
    for (const name of pending) {
      const text = await readFile(path.join(dir(), name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(text).digest("hex");
      await sql.exec(`BEGIN;\n${text}\n;INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
        VALUES ('${randomUUID()}', '${checksum}', now(), '${name.replaceAll("'", "''")}', 1);\nCOMMIT;`);
    }
    return pending;
  } finally {
    await sql.exec(`SELECT pg_advisory_unlock(${LOCK_ID})`);
  }
}

/**
 * A SqlRunner over a node-postgres Client or Pool.
 * @param {{ query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }> }} client
 * @returns {SqlRunner}
 */
export function pgRunner(client) {
  return {
    exec: async (text) => void (await client.query(text)),
    query: async (text, params = []) => (await client.query(text, params)).rows,
  };
}

/**
 * Creates `schema` when missing (as `prisma migrate deploy` does for `?schema=`), then applies
 * the pending migrations. @param {Parameters<typeof pgRunner>[0]} client @param {string | undefined} schema
 * @returns {Promise<string[]>} the migrations applied now
 */
export async function migratePostgres(client, schema) {
  if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
  return applyMigrations(pgRunner(client));
}
