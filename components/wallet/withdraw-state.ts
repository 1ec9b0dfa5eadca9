/** The withdrawal form's answer when it does not redirect: the error, and what was typed so it stays. */
export type WithdrawFormState = { error?: string; sheba?: string; amount?: string; all?: boolean };
export const initialWithdrawState: WithdrawFormState = {};
