/** Postgres reports constraint violations by SQLSTATE and constraint name; both drivers expose them, the
 * postgres.js one on the error itself and drizzle wraps it as `cause`. */
type PgErrorShape = { code?: string; constraint_name?: string; constraint?: string; cause?: unknown };

function pgError(error: unknown): PgErrorShape | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const shape = current as PgErrorShape;
    if (typeof shape.code === "string" && /^[0-9A-Z]{5}$/.test(shape.code)) return shape;
    current = shape.cause;
  }
  return undefined;
}

export function violatedConstraint(error: unknown): string | undefined {
  const shape = pgError(error);
  if (!shape || !["23505", "23514", "23503", "23P01"].includes(shape.code ?? "")) return undefined;
  return shape.constraint_name ?? shape.constraint ?? shape.code;
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const shape = pgError(error);
  return shape?.code === "23505" && (!constraint || (shape.constraint_name ?? shape.constraint) === constraint);
}

export function isCheckViolation(error: unknown, constraint?: string): boolean {
  const shape = pgError(error);
  return shape?.code === "23514" && (!constraint || (shape.constraint_name ?? shape.constraint) === constraint);
}

/** Deadlock or serialization failure: Postgres rolled the transaction back and it can simply run again. */
export function isRetryableConflict(error: unknown): boolean {
  const code = pgError(error)?.code;
  return code === "40P01" || code === "40001";
}
