// A unique-constraint failure, however the driver adapter reports it: adapter-pg maps it to
// Prisma's P2002, while pglite-prisma-adapter 0.6 passes Postgres' own error (SQLSTATE 23505)
// through as a DriverAdapterError; a raw query's failure (P2010) carries the adapter's error in
// `meta.driverAdapterError`; a statement sent straight to the driver (`sql()`) fails with the
// driver's own error, SQLSTATE in `code`.
type Cause = { code?: unknown; originalCode?: unknown; kind?: unknown };
const unique = (c: Cause | undefined) => c?.code === "23505" || c?.originalCode === "23505" || c?.kind === "UniqueConstraintViolation";

export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const e = err as { code?: unknown; cause?: Cause; meta?: { driverAdapterError?: { cause?: Cause } } };
  return e.code === "P2002" || unique(e as Cause) || unique(e.cause) || unique(e.meta?.driverAdapterError?.cause);
}
