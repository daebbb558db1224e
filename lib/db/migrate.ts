// Applies prisma/migrations to the embedded database on start, recording them in Prisma's own
// `_prisma_migrations` table with Prisma's checksum (sha256 of the file), so `prisma migrate deploy`
// sees the same history. Postgres deployments run `npm run db:migrate` instead.
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

export type SqlRunner = {
  exec(sql: string): Promise<void>;
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
};

const dir = () => path.resolve(process.cwd(), "prisma", "migrations");

async function migrationNames(): Promise<string[]> {
  const entries = await readdir(dir(), { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

async function applied(sql: SqlRunner): Promise<Set<string>> {
  const exists = await sql.query(`SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present`);
  if (!exists[0]?.present) return new Set();
  const rows = await sql.query(
    `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  return new Set(rows.map((r) => String(r.migration_name)));
}

export async function pendingMigrations(sql: SqlRunner): Promise<string[]> {
  const done = await applied(sql);
  return (await migrationNames()).filter((n) => !done.has(n));
}

export async function applyMigrations(sql: SqlRunner): Promise<string[]> {
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
    await sql.exec(`BEGIN;\n${text}\nCOMMIT;`);
    await sql.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
       VALUES ($1, $2, now(), $3, 1)`,
      [randomUUID(), checksum, name],
    );
  }
  return pending;
}
