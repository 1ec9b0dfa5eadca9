import type { ReactNode } from "react";

/** A titled card of a page: `id` names its heading (aria-labelledby), `hint` is the grey line under it. */
export function CardSection({ id, title, hint, children }: { id: string; title: ReactNode; hint?: string; children: ReactNode }) {
  return (
    <section className="card stack" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {hint ? <p className="hint">{hint}</p> : null}
      {children}
    </section>
  );
}
