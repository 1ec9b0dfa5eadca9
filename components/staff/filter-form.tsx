import type { ReactNode } from "react";

/** A staff list's filters as a plain GET form (works without script): one line for a single filter, a grid
 * for several. */
export function FilterForm({
  applyLabel,
  label,
  layout,
  children,
}: {
  applyLabel: string;
  label?: string;
  layout: "line" | "grid";
  children: ReactNode;
}) {
  return (
    <form method="get" className={layout === "line" ? "card row" : "card filters"} aria-label={label}>
      {children}
      <button className="button" type="submit" style={layout === "line" ? { alignSelf: "end" } : undefined}>
        {applyLabel}
      </button>
    </form>
  );
}
