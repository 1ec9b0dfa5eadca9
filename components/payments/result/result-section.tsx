import type { ReactNode } from "react";

/** The result screen's one section: its heading is the outcome, in the colour of `tone`. `live` when the page
 * changes by itself (an open payment being checked). */
export function ResultSection({
  tone,
  title,
  live,
  children,
}: {
  tone: "success" | "warning" | "error" | "info";
  title: string;
  live?: boolean;
  children: ReactNode;
}) {
  return (
    <section className="stack" aria-labelledby="result-title" aria-live={live ? "polite" : undefined}>
      <h1 id="result-title" className={`alert ${tone}`}>
        {title}
      </h1>
      {children}
    </section>
  );
}
