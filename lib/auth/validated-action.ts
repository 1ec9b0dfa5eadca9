import "server-only";
import { refresh } from "next/cache";
import { redirect, unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { messages } from "@/lib/i18n/messages";
import { formFields } from "@/lib/shared/client-text";
import { ForbiddenError, type Role } from "./actor";
import { currentUser, type CurrentUser } from "./current-user";
import { withRequestLog } from "./request-log";
import { log } from "@/lib/shared/log";

/** The one edge every server action goes through (in the spirit of saas-starter's validatedActionWithUser).
 * A server action is a public endpoint: anyone can post anything to it, signed in or not, with or without the
 * page. So each one reads its form the same safe way (formFields: odd arguments read as an empty form), checks
 * it with its zod schema, checks who is calling, and never answers with a 500 or framework English: every
 * refusal becomes the form's own state with a Persian message, and a precise log line says why.
 *
 * One family, four shapes of the same check: `validatedAction`/`validatedActionWithUser` for forms with
 * useActionState, `validatedFormAction`/`validatedFormActionWithUser` for a plain `<form action>`, and
 * `validatedCallWithUser` for an action the page calls with an argument of its own (a poller). */

/** The fields of a posted form as strings (a list for a field sent more than once); empty for anything that
 * is not a form. What a refused form may put back into its boxes. */
export type PostedForm = Readonly<Record<string, string | string[]>>;

export type ActionOptions<Schema extends z.ZodType, State> = {
  /** For log lines: "area.verb", e.g. "staff.close-slot". */
  name: string;
  schema: Schema;
  /** How this form shows a refusal (its state type differs from form to form); `form` is what was posted. */
  error: (message: string, form: PostedForm) => State;
  /** The answer to input the schema refuses; `error` with the common "request is invalid" by default. A form
   * whose fields a person types should say which field (`showFieldMessage`) and put back what was typed. */
  invalid?: (issues: z.core.$ZodIssue[], form: PostedForm) => State;
  /** The message when the action throws (a bug or the database away); the common "an error occurred" by default. */
  failed?: string;
  /** Fields that are a list even when the form sends one value (checkboxes). */
  listFields?: readonly string[];
  /** An answer for which the page is rendered again (next/cache refresh()): what the form changed shows at once. */
  refreshWhen?: (state: State) => boolean;
};

export type UserActionOptions<Schema extends z.ZodType, State> = ActionOptions<Schema, State> & {
  /** Who may call: any signed-in user by default. Services check again and decide the finer rules. */
  roles?: readonly Role[];
  /** A signed-out caller is sent to sign in and back to this path (a function of the input: only when the input
   * is valid, else they get the message); without it, they get a message. */
  signInReturnTo?: string | ((input: z.infer<Schema>) => string);
  /** A signed-out caller's answer when it is more than the message (what they typed, a link to sign in). */
  signedOut?: (form: PostedForm, input: z.infer<Schema> | undefined) => State;
};

/* State is what `error` answers (NoInfer keeps the run's answers from widening it). A run that answers a
 * union told apart by a literal (`status: "done"`) declares its return type: TypeScript widens literals in a
 * callback's return while it still infers the call. */
export type FormAction<State> = (previous: State, formData: FormData) => Promise<State>;

/** The schema's own message of the first issue: schemas of typed fields carry Persian messages. */
export function fieldMessage(issues: z.core.$ZodIssue[]): string {
  return issues[0]?.message ?? messages.common.badRequest;
}

/** `invalid` for a form of typed fields: the schema's own message of the first issue, shown the form's way. */
export function showFieldMessage<State>(error: (message: string, form: PostedForm) => State) {
  return (issues: z.core.$ZodIssue[], form: PostedForm) => error(fieldMessage(issues), form);
}

function readForm(formData: unknown, listFields: readonly string[] = []): PostedForm {
  const raw: Record<string, string | string[]> = {};
  for (const [key, values] of formFields(formData)) {
    raw[key] = values.length > 1 || listFields.includes(key) ? values : values[0]!;
  }
  return raw;
}

function describeIssues(issues: z.core.$ZodIssue[]): string {
  return issues.map((issue) => `${issue.path.join(".") || "(input)"}: ${issue.code}`).join("; ");
}

function refused<State>(options: ActionOptions<z.ZodType, State>, issues: z.core.$ZodIssue[], form: PostedForm): State {
  return options.invalid ? options.invalid(issues, form) : options.error(messages.common.badRequest, form);
}

async function guarded<State>(
  options: ActionOptions<z.ZodType, State>,
  who: string,
  form: PostedForm,
  work: () => Promise<NoInfer<State>>,
  userId?: string,
): Promise<State> {
  let state: State;
  try {
    // Every line the action's services log carries the request id, the action and who called it.
    state = await withRequestLog({ action: options.name, userId }, work);
  } catch (thrown) {
    // redirect(), notFound() and forbidden() work by throwing: they are answers, not failures.
    unstable_rethrow(thrown);
    if (thrown instanceof ForbiddenError) {
      log.warn(`[action] ${options.name}: refused ${who}: ${thrown.message}`);
      return options.error(messages.common.forbidden, form);
    }
    log.error(`[action] ${options.name} failed for ${who}:`, thrown);
    return options.error(options.failed ?? messages.common.genericError, form);
  }
  if (options.refreshWhen?.(state)) refresh();
  return state;
}

/** The check of an anonymous action on input already read. */
function anonymousRun<Schema extends z.ZodType, State>(
  options: ActionOptions<Schema, State>,
  run: (input: z.infer<Schema>) => Promise<NoInfer<State>>,
): (input: unknown, form: PostedForm) => Promise<State> {
  return async (input, form) => {
    const parsed = options.schema.safeParse(input);
    if (!parsed.success) {
      log.warn(`[action] ${options.name}: invalid input from an anonymous caller (${describeIssues(parsed.error.issues)})`);
      return refused(options, parsed.error.issues, form);
    }
    return guarded(options, "anonymous caller", form, () => run(parsed.data));
  };
}

/** The check of a signed-in user's action on input already read. */
function userRun<Schema extends z.ZodType, State>(
  options: UserActionOptions<Schema, State>,
  run: (input: z.infer<Schema>, user: CurrentUser) => Promise<NoInfer<State>>,
): (input: unknown, form: PostedForm) => Promise<State> {
  return async (input, form) => {
    const parsed = options.schema.safeParse(input);
    const user = await currentUser();
    if (!user) {
      log.warn(`[action] ${options.name}: refused a signed-out caller`);
      const back =
        typeof options.signInReturnTo === "function" ? parsed.success && options.signInReturnTo(parsed.data) : options.signInReturnTo;
      if (back) redirect(`/login?next=${encodeURIComponent(back)}`);
      if (options.signedOut) return options.signedOut(form, parsed.success ? parsed.data : undefined);
      return options.error(messages.common.signedOut, form);
    }
    if (options.roles && !options.roles.includes(user.role)) {
      log.warn(`[action] ${options.name}: refused ${user.role} ${user.userId} (needs ${options.roles.join(", ")})`);
      return options.error(messages.common.forbidden, form);
    }
    if (!parsed.success) {
      log.warn(`[action] ${options.name}: invalid input from ${user.role} ${user.userId} (${describeIssues(parsed.error.issues)})`);
      return refused(options, parsed.error.issues, form);
    }
    return guarded(options, `${user.role} ${user.userId}`, form, () => run(parsed.data, user), user.userId);
  };
}

/** Reads whatever arrived as the form (anything but a form reads as an empty one), then checks it. */
function fromForm<State>(check: (input: unknown, form: PostedForm) => Promise<State>, listFields?: readonly string[]) {
  return (formData: unknown) => {
    const form = readForm(formData, listFields);
    return check(form, form);
  };
}

/** A form action anyone may call (signing in). */
export function validatedAction<Schema extends z.ZodType, State>(
  options: ActionOptions<Schema, State>,
  run: (input: z.infer<Schema>) => Promise<NoInfer<State>>,
): FormAction<State> {
  const read = fromForm(anonymousRun(options, run), options.listFields);
  return (_previous, formData) => read(formData);
}

/** A form action of a signed-in user with one of `roles`. */
export function validatedActionWithUser<Schema extends z.ZodType, State>(
  options: UserActionOptions<Schema, State>,
  run: (input: z.infer<Schema>, user: CurrentUser) => Promise<NoInfer<State>>,
): FormAction<State> {
  const read = fromForm(userRun(options, run), options.listFields);
  return (_previous, formData) => read(formData);
}

/** Options of a plain `<form action>` (no useActionState): it has no state to show a refusal in, so a refusal
 * is logged and the page rendered again as it was. Only for forms a person cannot fill in wrong (a button, a
 * checkbox); the run answers by redirecting. */
type PlainOptions<Options> = Omit<Options, "error" | "invalid" | "refreshWhen" | "signedOut">;
const nothingToShow = (): void => undefined;

/** validatedAction for a plain `<form action>` (signing out). */
export function validatedFormAction<Schema extends z.ZodType>(
  options: PlainOptions<ActionOptions<Schema, void>>,
  run: (input: z.infer<Schema>) => Promise<void>,
): (formData?: unknown) => Promise<void> {
  return fromForm(anonymousRun({ ...options, error: nothingToShow }, run), options.listFields);
}

/** validatedActionWithUser for a plain `<form action>`. */
export function validatedFormActionWithUser<Schema extends z.ZodType>(
  options: PlainOptions<UserActionOptions<Schema, void>>,
  run: (input: z.infer<Schema>, user: CurrentUser) => Promise<void>,
): (formData?: unknown) => Promise<void> {
  return fromForm(userRun({ ...options, error: nothingToShow }, run), options.listFields);
}

/** An action the page calls itself with one argument (bound, or none): the schema checks that argument as it
 * came, whatever a client put there. */
export function validatedCallWithUser<Schema extends z.ZodType, State>(
  options: Omit<UserActionOptions<Schema, State>, "error" | "invalid" | "listFields" | "signInReturnTo" | "signedOut"> & {
    error: (message: string) => State;
  },
  run: (input: z.infer<Schema>, user: CurrentUser) => Promise<NoInfer<State>>,
): (input?: unknown) => Promise<State> {
  const check = userRun(options, run);
  return (input) => check(input, {});
}
