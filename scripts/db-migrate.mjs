// `npm run db:migrate`: applies prisma/migrations to the Postgres database at DATABASE_URL.
import pg from "pg";
import { migratePostgres } from "../lib/db/migrate.mjs";
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
  const applied = await migratePostgres(client, schema);
  console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.");
} catch (err) {
  console.error(`Migration failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  await client.end();
}
