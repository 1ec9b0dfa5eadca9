import type { PersonFieldsState } from "@/components/patients/person-choice";

/** What a payment form's server action answers when it does not redirect. */
export type FormState = { error?: string } & PersonFieldsState;
export const initialFormState: FormState = {};

/** A refusal as a payment form shows it (the `error` of lib/auth/validated-action.ts's options). */
export const formError = (message: string): FormState => ({ error: message });
