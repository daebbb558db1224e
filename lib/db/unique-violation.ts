// A unique-constraint failure, however the driver adapter reports it: adapter-pg maps it to
// Prisma's P2002, while pglite-prisma-adapter 0.6 passes Postgres' own error (SQLSTATE 23505)
// through as a DriverAdapterError.
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const e = err as { code?: unknown; cause?: { code?: unknown; kind?: unknown } };
  return e.code === "P2002" || e.cause?.code === "23505" || e.cause?.kind === "UniqueConstraintViolation";
}
