// Prisma CLI configuration: the JS schema engine over a driver adapter, so no engine binary
// is downloaded. `db:migrate` targets DATABASE_URL; without it the CLI gets an in-memory PGlite
// (enough for `prisma generate`, which builds the adapter too). The app migrates its embedded
// database itself on start (lib/db/migrate.ts).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  engine: "js",
  experimental: { adapter: true },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (url) {
      const { PrismaPg } = await import("@prisma/adapter-pg");
      const { pgOptionsFromUrl } = await import("./lib/db/pg-options.mjs");
      const { poolConfig, schema } = pgOptionsFromUrl(url);
      return new PrismaPg(poolConfig, schema ? { schema } : undefined);
    }
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    return new PrismaPGlite(new PGlite());
  },
});
