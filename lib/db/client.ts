import "server-only";
// The Prisma client, one per process (kept on globalThis so `next dev` reloads and separately
// bundled entry points share it). PGlite in-process when DATABASE_URL is unset, Postgres otherwise.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaClient } from "@prisma/client";
import { env } from "@/lib/env";
import { pgOptionsFromUrl } from "./pg-options.mjs";
import { applyMigrations, pendingMigrations } from "./migrate.mjs";
import { seedDemo } from "./seed";

type SqlRunner = Parameters<typeof applyMigrations>[0];
type Db = { prisma: PrismaClient; close: () => Promise<void> };

const store = globalThis as unknown as { heraldDb?: Promise<Db> };

async function open(): Promise<Db> {
  const e = env();
  if (e.DATABASE_URL) {
    const [{ PrismaPg }, { Pool }] = await Promise.all([import("@prisma/adapter-pg"), import("pg")]);
    const { poolConfig, schema } = pgOptionsFromUrl(e.DATABASE_URL);
    const pool = new Pool({ ...poolConfig, max: 1 });
    try {
      const pending = await pendingMigrations({
        exec: async (text) => void (await pool.query(text)),
        query: async (text, params = []) => (await pool.query(text, params)).rows,
      });
      if (pending.length > 0) {
        throw new Error(
          `The database at DATABASE_URL is missing ${pending.length} migration(s) (${pending.join(", ")}): run \`npm run db:migrate\`.`,
        );
      }
    } finally {
      await pool.end();
    }
    const prisma = new PrismaClient({ adapter: new PrismaPg(poolConfig, schema ? { schema } : undefined) });
    return { prisma, close: () => prisma.$disconnect() };
  }

  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("pglite-prisma-adapter"),
  ]);
  const dir = path.resolve(e.HERALD_DATA_DIR, "pglite");
  mkdirSync(dir, { recursive: true });
  const pglite = new PGlite(dir);
  const sql: SqlRunner = {
    exec: async (text) => void (await pglite.exec(text)),
    query: async (text, params = []) => (await pglite.query<Record<string, unknown>>(text, params)).rows,
  };
  await applyMigrations(sql);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    prisma,
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

async function init(): Promise<Db> {
  const db = await open();
  if (env().HERALD_DEMO) await seedDemo(db.prisma, env().HERALD_DEMO_PASSWORD);
  return db;
}

/** The ready database (migrated, and seeded in demo mode). */
export function database(): Promise<Db> {
  store.heraldDb ??= init().catch((err) => {
    store.heraldDb = undefined;
    throw err;
  });
  return store.heraldDb;
}

export async function prisma(): Promise<PrismaClient> {
  return (await database()).prisma;
}

export async function closeDatabase(): Promise<void> {
  const pending = store.heraldDb;
  store.heraldDb = undefined;
  if (pending) await (await pending).close();
}
