import type { PersonFieldsState } from "@/components/patients/person-choice";

/** What the question form's server action answers when it does not redirect. `question` is the text as
 * sent, so the form can show it again (React resets a form to its default values after an action). */
export type QuestionFormState = { error?: string; fieldError?: string; question?: string; signInHref?: string } & PersonFieldsState;
export const initialQuestionFormState: QuestionFormState = {};
