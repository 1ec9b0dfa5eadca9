/** What the delete form shows after a refused attempt: one line per reason. */
export type DeleteFormState = { errors: string[] };
export const initialDeleteState: DeleteFormState = { errors: [] };
