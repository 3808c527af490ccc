/**
 * Whether a database error is a unique-constraint violation. Checks done before a write
 * cannot see a concurrent insert; the constraint can, so callers map this error to the
 * same CONFLICT the check gives.
 *
 * Prisma reports it as P2002 when the driver adapter classifies the error; the PGlite
 * adapter passes PostgreSQL's own error through instead, with SQLSTATE 23505.
 */
export function isUniqueViolation(error: unknown): boolean {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: { kind?: unknown; code?: unknown } };
  return (
    code === "P2002" || cause?.kind === "UniqueConstraintViolation" || (cause?.kind === "postgres" && cause.code === "23505")
  );
}
