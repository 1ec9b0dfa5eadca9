import type { ReactNode } from "react";

/** A table of figures that scrolls sideways on a phone instead of widening the page: a header row of
 * column titles and the body rows the caller renders. `card` puts it on a card of its own. */
export function DataTable({
  columns,
  children,
  testId,
  className,
  card = true,
}: {
  columns: string[];
  children: ReactNode;
  testId?: string;
  className?: string;
  card?: boolean;
}) {
  return (
    <div className={card ? "table-wrap card" : "table-wrap"}>
      <table className={className ? `data ${className}` : "data"} data-testid={testId}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
