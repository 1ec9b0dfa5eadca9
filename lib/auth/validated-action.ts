import "server-only";
import { redirect, unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { messages } from "@/lib/i18n/messages";
import { formFields } from "@/lib/shared/client-text";
import { ForbiddenError, type Role } from "./actor";
import { currentUser, type CurrentUser } from "./current-user";

/** The one edge every server action goes through (in the spirit of saas-starter's validatedActionWithUser).
 * A server action is a public endpoint: anyone can post anything to it, signed in or not, with or without the
 * page. So each one reads its form the same safe way (formFields: odd arguments read as an empty form), checks
 * it with its zod schema, checks who is calling, and never answers with a 500 or framework English: every
 * refusal becomes the form's own state with a Persian message, and a precise log line says why. */

export type ActionOptions<Schema extends z.ZodType, State> = {
  /** For log lines: "area.verb", e.g. "staff.close-slot". */
  name: string;
  schema: Schema;
  /** How this form shows a message (its state type differs from form to form). */
  error: (message: string) => State;
  /** The message for input the schema refuses; the common "request is invalid" by default. A form whose
   * fields a person types should say which field, from its own schema's messages (see `fieldMessage`). */
  invalid?: (issues: z.core.$ZodIssue[]) => string;
  /** Fields that are a list even when the form sends one value (checkboxes). */
  listFields?: readonly string[];
};

export type UserActionOptions<Schema extends z.ZodType, State> = ActionOptions<Schema, State> & {
  /** Who may call: any signed-in user by default. Services check again and decide the finer rules. */
  roles?: readonly Role[];
  /** A signed-out caller is sent to sign in and back to this path; without it, they get a message. */
  signInReturnTo?: (input: z.infer<Schema>) => string;
};

export type FormAction<State> = (previous: State, formData: FormData) => Promise<State>;

/** The schema's own message of the first issue: schemas of typed fields carry Persian messages. */
export function fieldMessage(issues: z.core.$ZodIssue[]): string {
  return issues[0]?.message ?? messages.common.badRequest;
}

function readForm(formData: unknown, listFields: readonly string[] = []): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [key, values] of formFields(formData)) {
    raw[key] = values.length > 1 || listFields.includes(key) ? values : values[0];
  }
  return raw;
}

function describeIssues(issues: z.core.$ZodIssue[]): string {
  return issues.map((issue) => `${issue.path.join(".") || "(form)"}: ${issue.code}`).join("; ");
}

async function guarded<State>(name: string, who: string, error: (message: string) => State, work: () => Promise<State>): Promise<State> {
  try {
    return await work();
  } catch (thrown) {
    // redirect(), notFound() and forbidden() work by throwing: they are answers, not failures.
    unstable_rethrow(thrown);
    if (thrown instanceof ForbiddenError) {
      console.warn(`[action] ${name}: refused ${who}: ${thrown.message}`);
      return error(messages.common.forbidden);
    }
    console.error(`[action] ${name} failed for ${who}:`, thrown);
    return error(messages.common.genericError);
  }
}

/** An action anyone may call (signing in). */
export function validatedAction<Schema extends z.ZodType, State>(
  options: ActionOptions<Schema, State>,
  run: (input: z.infer<Schema>) => Promise<State>,
): FormAction<State> {
  return async (_previous, formData) => {
    const parsed = options.schema.safeParse(readForm(formData, options.listFields));
    if (!parsed.success) {
      console.warn(`[action] ${options.name}: invalid input (${describeIssues(parsed.error.issues)})`);
      return options.error(options.invalid ? options.invalid(parsed.error.issues) : messages.common.badRequest);
    }
    return guarded(options.name, "anonymous caller", options.error, () => run(parsed.data));
  };
}

/** An action of a signed-in user with one of `roles`. */
export function validatedActionWithUser<Schema extends z.ZodType, State>(
  options: UserActionOptions<Schema, State>,
  run: (input: z.infer<Schema>, user: CurrentUser) => Promise<State>,
): FormAction<State> {
  return async (_previous, formData) => {
    const parsed = options.schema.safeParse(readForm(formData, options.listFields));
    const user = await currentUser();
    if (!user) {
      console.warn(`[action] ${options.name}: refused a signed-out caller`);
      if (options.signInReturnTo && parsed.success) redirect(`/login?next=${encodeURIComponent(options.signInReturnTo(parsed.data))}`);
      return options.error(messages.common.signedOut);
    }
    if (options.roles && !options.roles.includes(user.role)) {
      console.warn(`[action] ${options.name}: refused ${user.role} ${user.userId}`);
      return options.error(messages.common.forbidden);
    }
    if (!parsed.success) {
      console.warn(`[action] ${options.name}: invalid input from user ${user.userId} (${describeIssues(parsed.error.issues)})`);
      return options.error(options.invalid ? options.invalid(parsed.error.issues) : messages.common.badRequest);
    }
    return guarded(options.name, `${user.role} ${user.userId}`, options.error, () => run(parsed.data, user));
  };
}
