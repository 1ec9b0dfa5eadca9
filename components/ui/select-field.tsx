/** A labelled select whose `name` is the query parameter; `anyLabel` adds a first, empty choice (no filter). */
export function SelectField({
  name,
  id = name,
  label,
  value,
  anyLabel,
  options,
}: {
  name: string;
  id?: string;
  label: string;
  value: string | undefined;
  anyLabel?: string;
  options: readonly (readonly [value: string, label: string])[];
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} className="input" defaultValue={value ?? ""}>
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
