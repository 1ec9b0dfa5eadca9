/** What a payment form's server action answers when it does not redirect. */
export type FormState = { error?: string };
export const initialFormState: FormState = {};
