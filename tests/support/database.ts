// For tests that call lib/ code in this process against a real database: a fresh migrated
// Postgres schema when TEST_DATABASE_URL is set, a fresh embedded PGlite folder otherwise, with the
// demo users seeded.
// Call before anything reads the environment (lib/env caches it on first use).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createSchema, wantPostgres } from "./server";

export async function useTestDatabase(): Promise<{ backend: "postgres" | "pglite"; cleanup: () => Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "herald-domain-"));
  process.env.HERALD_DATA_DIR = dataDir;
  process.env.HERALD_DEMO = "true";
  const schema = wantPostgres() ? await createSchema() : null;
  if (schema) {
    process.env.DATABASE_URL = schema.url;
    process.env.NEXTAUTH_SECRET = "test-secret-test-secret-test-secret-42";
  }
  // The demo users, as boot seeds them in demo mode (lib/db opens and migrates; it does not seed).
  const [{ database }, { seedDemoOnce }, { env }] = await Promise.all([import("@/lib/db/client"), import("@/lib/demo/seed"), import("@/lib/env")]);
  await seedDemoOnce(await database(), env().HERALD_DEMO_PASSWORD);
  return {
    backend: schema ? "postgres" : "pglite",
    cleanup: async () => {
      const { closeDatabase } = await import("@/lib/db/client");
      await closeDatabase();
      await schema?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
