import type { FormState } from "@/components/payments/form-state";

/** The top-up form's answer when it does not redirect: the error, and what was typed so it stays in the box. */
export type TopupFormState = FormState & { amount?: string };
export const initialTopupState: TopupFormState = {};
