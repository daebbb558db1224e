// Shared by the app, `npm run db:migrate` and prisma.config.ts: a `?schema=` in DATABASE_URL
// selects the Postgres schema (search_path), as Prisma's own URLs do, so tests can run in a
// schema of their own. Plain JS so the migrate script runs on Node without a TS loader.

/**
 * @param {string} url
 * @returns {{ poolConfig: import("pg").PoolConfig; schema: string | undefined }}
 */
export function pgOptionsFromUrl(url) {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") ?? undefined;
  parsed.searchParams.delete("schema");
  /** @type {import("pg").PoolConfig} */
  const poolConfig = { connectionString: parsed.toString() };
  if (schema) poolConfig.options = `-c search_path=${quoteIdent(schema)}`;
  return { poolConfig, schema };
}

/** A Postgres identifier, quoted: `a"b` → `"a""b"`. @param {string} name */
export function quoteIdent(name) {
  return `"${name.replaceAll('"', '""')}"`;
}
