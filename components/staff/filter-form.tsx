import type { ReactNode } from "react";

/** A staff list's filters as a plain GET form (works without script): one line for a single filter, a grid
 * for several. */
export function FilterForm({ applyLabel, label, layout, children }: { applyLabel: string; label?: string; layout: "line" | "grid"; children: ReactNode }) {
  return (
    <form method="get" className={layout === "line" ? "card row" : "card filters"} aria-label={label}>
      {children}
      <button className="button" type="submit" style={layout === "line" ? { alignSelf: "end" } : undefined}>
        {applyLabel}
      </button>
    </form>
  );
}

/** A labelled select whose `name` is the query parameter; `anyLabel` adds a first, empty choice (no filter). */
export function SelectField({
  name,
  label,
  value,
  anyLabel,
  options,
}: {
  name: string;
  label: string;
  value: string | undefined;
  anyLabel?: string;
  options: readonly (readonly [value: string, label: string])[];
}) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <select id={name} name={name} className="input" defaultValue={value ?? ""}>
        {anyLabel !== undefined ? <option value="">{anyLabel}</option> : null}
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
    </div>
  );
}
