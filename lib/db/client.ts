import "server-only";
// The Prisma client, one per process (a service: lib/service.ts). PGlite in-process when
// DATABASE_URL is unset, Postgres otherwise.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaClient } from "@prisma/client";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { service, stopService } from "@/lib/service";
import { pgOptionsFromUrl } from "./pg-options.mjs";
import { applyMigrations, pendingMigrations, pgRunner } from "./migrate.mjs";

type SqlRunner = Parameters<typeof applyMigrations>[0];
/** Plain SQL on the driver underneath Prisma (the same pool or PGlite): see `sql()`. */
export type SqlQuery = <Row = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<Row[]>;
export type Db = {
  prisma: PrismaClient;
  query: SqlQuery;
  close: () => Promise<void>;
  /** Runs `work` while holding a Postgres advisory lock (other processes wait); PGlite is single-process. */
  exclusive: <T>(lockId: number, work: () => Promise<T>) => Promise<T>;
};

/** A connection attempt that hangs (a network partition, not a refusal) fails after this. */
const CONNECT_TIMEOUT_MS = 5_000;

async function open(): Promise<Db> {
  const e = env();
  if (e.DATABASE_URL) {
    const [{ PrismaPg }, { Pool }] = await Promise.all([import("@prisma/adapter-pg"), import("pg")]);
    const { poolConfig, schema } = pgOptionsFromUrl(e.DATABASE_URL);
    const pool = new Pool({ ...poolConfig, max: 1 });
    try {
      const pending = await pendingMigrations(pgRunner(pool));
      if (pending.length > 0) {
        throw new Error(
          `The database at DATABASE_URL is missing ${pending.length} migration(s) (${pending.join(", ")}): run \`npm run db:migrate\`.`,
        );
      }
    } finally {
      await pool.end();
    }
    // One pool, shared by Prisma and by `sql()`. A partition fails requests after the connect
    // timeout (503, lib/errors) instead of leaving them hanging; TCP keep-alive notices a dead peer.
    const shared = new Pool({ ...poolConfig, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, keepAlive: true });
    shared.on("error", (err) => log().error({ err }, "postgres pool error"));
    const prisma = new PrismaClient({ adapter: new PrismaPg(shared, { ...(schema ? { schema } : {}), disposeExternalPool: true }) });
    const query: SqlQuery = async (text, params = []) => (await shared.query(text, params)).rows;
    const exclusive = async <T,>(lockId: number, work: () => Promise<T>): Promise<T> => {
      // A session lock lives on one connection: hold a dedicated one while `work` runs on the pool.
      const client = await shared.connect();
      try {
        await client.query("SELECT pg_advisory_lock($1)", [lockId]);
        try {
          return await work();
        } finally {
          await client.query("SELECT pg_advisory_unlock($1)", [lockId]);
        }
      } finally {
        client.release();
      }
    };
    return { prisma, query, close: () => prisma.$disconnect(), exclusive };
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
    query: async <Row,>(text: string, params: unknown[] = []) => (await pglite.query<Row>(text, params)).rows,
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
    exclusive: (_lockId, work) => work(),
  };
}

/** The ready (migrated) database. */
export function database(): Promise<Db> {
  return service("database", open);
}

export async function prisma(): Promise<PrismaClient> {
  return (await database()).prisma;
}

/**
 * Plain parameterised SQL, straight to the driver. For hot statements with many parameters (one
 * notification to hundreds of recipients): Prisma 6's query compiler serialises every raw query
 * and its parameters through WebAssembly, which cost more CPU than Postgres spent on the insert.
 * Values come back as the driver gives them (cast in SQL, e.g. `id::text`, where it matters).
 */
export async function sql(): Promise<SqlQuery> {
  return (await database()).query;
}

/** Whether the database answers now, within `timeoutMs` (for /api/health). */
export async function pingDatabase(timeoutMs = 2_000): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  const ping = (async () => {
    await (await database()).query("SELECT 1");
    return true;
  })().catch(() => false);
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function closeDatabase(): Promise<void> {
  await stopService<Db>("database", (db) => db.close());
}
