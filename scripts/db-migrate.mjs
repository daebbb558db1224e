// `npm run db:migrate`: applies prisma/migrations to the Postgres database at DATABASE_URL.
import pg from "pg";
import { applyMigrations } from "../lib/db/migrate.mjs";
import { pgOptionsFromUrl } from "../lib/db/pg-options.mjs";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set: the embedded database migrates itself when the app starts.");
  process.exit(1);
}
const { poolConfig, schema } = pgOptionsFromUrl(url);
const client = new pg.Client(poolConfig);
try {
  await client.connect();
  // As `prisma migrate deploy` does: the schema named by `?schema=` is created when missing.
  if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replaceAll('"', '""')}"`);
  const applied = await applyMigrations({
    exec: async (text) => void (await client.query(text)),
    query: async (text, params = []) => (await client.query(text, params)).rows,
  });
  console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.");
} catch (err) {
  console.error(`Migration failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  await client.end();
}
