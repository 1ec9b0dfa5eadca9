import { messages } from "@/lib/i18n/messages";

/** What a staff form's server action answers. `confirm` asks the staff member to agree to cancelling (and
 * refunding) the listed reservations before the same form is sent again with their ids. */
export type BookedView = { reservationId: string; line: string };

export type StaffActionState =
  | { status: "idle" }
  | { status: "done"; message: string; details?: string[] }
  | { status: "error"; message: string; details?: string[] }
  | { status: "confirm"; booked: BookedView[]; message?: string };

export type StaffAction = (state: StaffActionState, formData: FormData) => Promise<StaffActionState>;

export const idleState: StaffActionState = { status: "idle" };

/** How a staff form answers through validatedActionWithUser (lib/auth/validated-action.ts): a refusal is its
 * error line, and a change that is done renders the page again so the tables show it. */
export const staffFormAnswers = {
  error: (message: string): StaffActionState => ({ status: "error", message }),
  invalid: (): StaffActionState => ({ status: "error", message: messages.staff.errors.invalidInput }),
  failed: messages.staff.errors.generic,
  refreshWhen: (state: StaffActionState) => state.status === "done",
};
