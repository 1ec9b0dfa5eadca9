"use client";

import { useActionState, useState } from "react";
import { messages } from "@/lib/i18n/messages";
import { initialSignInState, type SignInState } from "./sign-in-state";

const t = messages.auth;

function FieldError({ id, state, field }: { id: string; state: SignInState; field: "phone" | "code" | "form" }) {
  if (state.error?.field !== field) return null;
  return (
    <p id={id} className={field === "form" ? "alert error" : "field-error"} role="alert">
      {state.error.message}
    </p>
  );
}

type SignInAction = (previous: SignInState, formData: FormData) => Promise<SignInState>;

/** `next` is a path the page has already accepted (lib/auth/return-path.ts). The two server actions come in as
 * props from the route, so this view imports nothing from app/. */
export function SignInForm({
  next,
  nextIgnored = false,
  requestCodeAction,
  verifyCodeAction,
}: {
  next: string;
  nextIgnored?: boolean;
  requestCodeAction: SignInAction;
  verifyCodeAction: SignInAction;
}) {
  const [phoneState, requestCode, requesting] = useActionState(requestCodeAction, initialSignInState);
  // "تغییر شماره" goes back to the phone step until the next answer of requestCode arrives.
  const [changingFrom, setChangingFrom] = useState<SignInState | null>(null);
  const onCodeStep = phoneState.step === "code" && changingFrom !== phoneState;
  const loginHref = next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`;

  if (!onCodeStep) {
    return (
      <form action={requestCode} className="stack" noValidate>
        {nextIgnored ? (
          <p className="alert info" role="status">
            {t.nextIgnored}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="phone">{t.phoneLabel}</label>
          <input
            id="phone"
            name="phone"
            className="input ltr"
            inputMode="tel"
            autoComplete="tel"
            placeholder={t.phonePlaceholder}
            defaultValue={phoneState.phone}
            aria-invalid={phoneState.error?.field === "phone"}
            aria-describedby={phoneState.error ? "phone-error" : undefined}
            required
          />
          <FieldError id="phone-error" state={phoneState} field="phone" />
        </div>
        <button className="button" type="submit" disabled={requesting}>
          {t.sendCode}
        </button>
      </form>
    );
  }

  return (
    <CodeStep
      // A new number starts the code step afresh: no error left over from the previous one.
      key={phoneState.phone}
      phoneState={phoneState}
      next={next}
      requestCode={requestCode}
      requesting={requesting}
      loginHref={loginHref}
      onChangePhone={() => setChangingFrom(phoneState)}
      verifyCodeAction={verifyCodeAction}
    />
  );
}

function CodeStep(props: {
  phoneState: SignInState;
  next: string;
  requestCode: (formData: FormData) => void;
  requesting: boolean;
  loginHref: string;
  onChangePhone: () => void;
  verifyCodeAction: SignInAction;
}) {
  const { phoneState, requestCode, requesting, verifyCodeAction } = props;
  const [codeState, verifyCode, verifying] = useActionState(verifyCodeAction, initialSignInState);

  return (
    <div className="stack">
      {phoneState.notice && !phoneState.error && !codeState.error ? (
        <p className="alert info" role="status">
          {phoneState.notice}
        </p>
      ) : null}
      {/* A refused resend answers in phoneState, a refused form in codeState. */}
      <FieldError id="form-error" state={phoneState} field="form" />
      <FieldError id="code-form-error" state={codeState} field="form" />
      <form action={verifyCode} className="stack" noValidate>
        <input type="hidden" name="phone" value={phoneState.phone} />
        <input type="hidden" name="next" value={props.next} />
        <div className="field">
          <label htmlFor="code">{t.codeLabel}</label>
          <input
            id="code"
            name="code"
            className="input ltr"
            inputMode="numeric"
            autoComplete="one-time-code"
            // Room for the spaces and direction marks a pasted code may carry; the server keeps the digits.
            maxLength={16}
            aria-invalid={codeState.error?.field === "code"}
            aria-describedby={codeState.error?.field === "code" ? "code-error" : undefined}
            required
            autoFocus
          />
          <FieldError id="code-error" state={codeState} field="code" />
        </div>
        <button className="button" type="submit" disabled={verifying}>
          {t.verify}
        </button>
      </form>
      <div className="row">
        <form action={requestCode}>
          <input type="hidden" name="phone" value={phoneState.phone} />
          <input type="hidden" name="resend" value="1" />
          <button className="button secondary" type="submit" disabled={requesting}>
            {t.resend}
          </button>
        </form>
        {/* A real link: without JavaScript it reloads the sign-in page; with it, the phone step comes back
            in place with the number filled in. */}
        <a
          className="button link"
          href={props.loginHref}
          onClick={(event) => {
            event.preventDefault();
            props.onChangePhone();
          }}
        >
          {t.changePhone}
        </a>
      </div>
    </div>
  );
}
