/** Which page of `total` rows to show: the requested page clamped to the pages that exist (an empty list
 * still has page 1), and the row offset to read it from. */
export function pageWindow(total: number, requested: number | undefined, pageSize: number) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.trunc(requested ?? 1)), pageCount);
  return { page, pageCount, offset: (page - 1) * pageSize };
}
