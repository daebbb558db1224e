// Shared by the app and prisma.config.ts: a `?schema=` in DATABASE_URL selects the Postgres
// schema (search_path), as Prisma's own URLs do, so tests can run in a schema of their own.
import type { PoolConfig } from "pg";

export function pgOptionsFromUrl(url: string): { poolConfig: PoolConfig; schema?: string } {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") ?? undefined;
  parsed.searchParams.delete("schema");
  const poolConfig: PoolConfig = { connectionString: parsed.toString() };
  if (schema) poolConfig.options = `-c search_path="${schema.replaceAll('"', '""')}"`;
  return { poolConfig, schema };
}
