import Link from "next/link";
import type { ReactNode } from "react";
import { DataTable } from "@/components/ui/data-table";
import { messages } from "@/lib/i18n/messages";

const t = messages.staff.pager;

function pageHref(path: string, query: Record<string, string | undefined>, page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  params.set("page", String(page));
  return `${path}?${params.toString()}`;
}

/** One page of a staff list as a data table (or `empty` when there is nothing), with newer / older links that
 * keep the list's filters (`query`) in the URL. */
export function PagedTable<Row>({
  rows,
  renderRow,
  columns,
  empty,
  page,
  pageCount,
  path,
  query,
  className,
}: {
  rows: Row[];
  renderRow: (row: Row) => ReactNode;
  columns: string[];
  empty: string;
  page: number;
  pageCount: number;
  path: string;
  query: Record<string, string | undefined>;
  className?: string;
}) {
  return (
    <>
      {rows.length === 0 ? (
        <p className="card">{empty}</p>
      ) : (
        <DataTable columns={columns} className={className}>
          {rows.map(renderRow)}
        </DataTable>
      )}
      {pageCount > 1 ? (
        <nav aria-label={t.pagination} className="row">
          {page > 1 ? <Link href={pageHref(path, query, page - 1)}>{t.newer}</Link> : null}
          <span>{t.page(page, pageCount)}</span>
          {page < pageCount ? <Link href={pageHref(path, query, page + 1)}>{t.older}</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
