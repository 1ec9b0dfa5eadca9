import type { PersonFieldsState } from "@/components/patients/person-choice";

/** What a payment form's server action answers when it does not redirect. */
export type FormState = { error?: string } & PersonFieldsState;
export const initialFormState: FormState = {};
