/** Typed outcomes at the edges: a service returns one of these instead of throwing for expected failures. */
export type Ok<T> = { ok: true; value: T };
export type Err<E extends { code: string }> = { ok: false; error: E };
export type Result<T, E extends { code: string }> = Ok<T> | Err<E>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = <E extends { code: string }>(error: E): Err<E> => ({ ok: false, error });
