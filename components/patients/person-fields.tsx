import Link from "next/link";
import { messages } from "@/lib/i18n/messages";
import type { PersonChoice, PersonFieldsState } from "./person-choice";

const t = messages.profile;

function NameField({ name, label, state }: { name: "firstName" | "lastName"; label: string; state: PersonFieldsState }) {
  const error = state.fieldErrors?.[name];
  const id = `checkout-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        className="input"
        required
        maxLength={40}
        autoComplete={name === "firstName" ? "given-name" : "family-name"}
        defaultValue={state.values?.[name] ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Inside a checkout form: the patient's name at their first checkout, and whom the visit or chat is for. */
export function PersonFields({ choice, state }: { choice: PersonChoice; state: PersonFieldsState }) {
  const chosen = state.values?.forWhom ?? "self";
  return (
    <div className="stack person-fields">
      {choice.needsName ? (
        <fieldset className="stack" data-testid="inline-name">
          <legend>{t.checkoutNameHeading}</legend>
          <p className="hint">{t.checkoutNameLead}</p>
          <NameField name="firstName" label={t.firstName} state={state} />
          <NameField name="lastName" label={t.lastName} state={state} />
        </fieldset>
      ) : null}
      <div className="field">
        <label htmlFor="checkout-for-whom">{choice.heading === "chat" ? t.forWhomChat : t.forWhom}</label>
        <select id="checkout-for-whom" className="input" name="forWhom" defaultValue={chosen} key={chosen} data-testid="for-whom">
          <option value="self">{t.forSelf(choice.selfName)}</option>
          {choice.members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
      </div>
      <Link href="/profile#family" className="hint">
        {t.manageFamily}
      </Link>
    </div>
  );
}
