"use client";

import { useActionState } from "react";
import { messages } from "@/lib/i18n/messages";
import type { PersonFieldsState } from "./person-choice";

const t = messages.profile;

/** What the profile and family actions answer: errors per field with the values as sent, or a done message. */
export type ProfileFormState = PersonFieldsState & { error?: string; done?: string };
type Action = (state: ProfileFormState, formData: FormData) => Promise<ProfileFormState>;
type Values = Record<string, string>;

function Field({
  name,
  label,
  state,
  initial,
  hint,
  inputMode,
  autoComplete,
  required,
}: {
  name: string;
  label: string;
  state: ProfileFormState;
  initial: Values;
  hint?: string;
  inputMode?: "numeric";
  autoComplete?: string;
  required?: boolean;
}) {
  const error = state.fieldErrors?.[name];
  const id = `${initial.formId}-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        className="input"
        required={required}
        inputMode={inputMode}
        autoComplete={autoComplete}
        defaultValue={state.values?.[name] ?? initial[name] ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
      />
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function Choice({
  name,
  label,
  options,
  state,
  initial,
}: {
  name: string;
  label: string;
  options: Record<string, string>;
  state: ProfileFormState;
  initial: Values;
}) {
  const error = state.fieldErrors?.[name];
  const value = state.values?.[name] ?? initial[name] ?? "";
  const id = `${initial.formId}-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} className="input" defaultValue={value} key={value} aria-invalid={error ? true : undefined}>
        {Object.entries(options).map(([key, text]) => (
          <option key={key} value={key}>
            {text}
          </option>
        ))}
      </select>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function Outcome({ state }: { state: ProfileFormState }) {
  if (state.error)
    return (
      <p className="alert error" role="alert">
        {state.error}
      </p>
    );
  if (state.done)
    return (
      <p className="alert success" role="status">
        {state.done}
      </p>
    );
  return null;
}

export function ProfileForm({ action, initial: values }: { action: Action; initial: Values }) {
  const [state, formAction, pending] = useActionState(action, {});
  const initial: Values = { ...values, formId: "profile" };
  return (
    <form action={formAction} className="stack" noValidate data-testid="profile-form" aria-busy={pending}>
      <Outcome state={state} />
      <Field name="firstName" label={t.firstName} state={state} initial={initial} autoComplete="given-name" required />
      <Field name="lastName" label={t.lastName} state={state} initial={initial} autoComplete="family-name" required />
      <Field name="nationalCode" label={t.nationalCode} hint={t.nationalCodeHint} inputMode="numeric" state={state} initial={initial} />
      <Field name="birthYear" label={t.birthYear} hint={t.birthYearHint} inputMode="numeric" state={state} initial={initial} />
      <Choice name="sex" label={t.sex} options={t.sexes} state={state} initial={initial} />
      <button className="button" type="submit" disabled={pending}>
        {t.save}
      </button>
    </form>
  );
}

/** Adds a member (no `initial.id`) or edits one. */
export function MemberForm({ action, initial: values, cancelHref }: { action: Action; initial: Values; cancelHref?: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  // Element ids unique on the page, which holds the profile form, the add form and an edit form at once.
  const initial: Values = { ...values, formId: `member-${values.id ?? "new"}` };
  return (
    <form
      action={formAction}
      className="stack"
      noValidate
      data-testid={initial.id ? "member-edit-form" : "member-add-form"}
      aria-busy={pending}
    >
      {initial.id ? <input type="hidden" name="memberId" value={initial.id} /> : null}
      <Outcome state={state} />
      <Field name="firstName" label={t.firstName} state={state} initial={initial} required />
      <Field name="lastName" label={t.lastName} state={state} initial={initial} required />
      <Field
        name="nationalCode"
        label={t.nationalCode}
        hint={t.nationalCodeHint}
        inputMode="numeric"
        state={state}
        initial={initial}
        required
      />
      <Choice name="relation" label={t.relation} options={t.relations} state={state} initial={{ relation: "child", ...initial }} />
      <div className="row">
        <button className="button" type="submit" disabled={pending}>
          {initial.id ? t.saveMember : t.addMember}
        </button>
        {cancelHref ? (
          <a className="button secondary" href={cancelHref}>
            {t.cancelEdit}
          </a>
        ) : null}
      </div>
    </form>
  );
}

export function RemoveMemberButton({ action, memberId, label }: { action: Action; memberId: string; label: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction}>
      <input type="hidden" name="memberId" value={memberId} />
      {state.error ? (
        <p className="alert error" role="alert">
          {state.error}
        </p>
      ) : null}
      <button className="button secondary" type="submit" disabled={pending} aria-label={`${t.removeMember} ${label}`}>
        {t.removeMember}
      </button>
    </form>
  );
}
