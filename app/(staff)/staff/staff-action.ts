import "server-only";
import { refresh } from "next/cache";
import type { z } from "zod";
import type { StaffActionState } from "@/components/staff/action-state";
import { ForbiddenError, STAFF_ROLES, type Role } from "@/lib/auth/actor";
import { currentUser, type CurrentUser } from "@/lib/auth/current-user";
import { messages } from "@/lib/i18n/messages";
import { formFields } from "@/lib/shared/client-text";

/** Fields that are a list even when the form sends one value: the reservations a staff member confirmed. */
const LIST_FIELDS = new Set(["confirmed"]);

/** The shared edge of every staff server action: parse the form with zod, refuse anyone who is not staff (the
 * service refuses them again, and decides what each staff role may do), turn a refusal into a message, log
 * anything else. A server action is a public endpoint: a patient can post to it without ever seeing the page. */
export async function staffAction<T>(
  name: string,
  formData: unknown,
  schema: z.ZodType<T>,
  run: (user: CurrentUser, input: T) => Promise<StaffActionState>,
  roles: readonly Role[] = STAFF_ROLES,
): Promise<StaffActionState> {
  const user = await currentUser();
  if (!user || !roles.includes(user.role)) {
    console.warn(`[staff] ${name}: refused ${user ? `${user.role} ${user.userId}` : "anonymous caller"}`);
    return { status: "error", message: messages.common.forbidden };
  }
  const raw: Record<string, unknown> = {};
  for (const [key, values] of formFields(formData)) {
    raw[key] = values.length > 1 || LIST_FIELDS.has(key) ? values : values[0];
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    console.warn(`[staff] ${name}: invalid input ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    return { status: "error", message: messages.staff.errors.invalidInput };
  }
  try {
    const state = await run(user, parsed.data);
    if (state.status === "done") refresh();
    return state;
  } catch (error) {
    if (error instanceof ForbiddenError) {
      console.warn(`[staff] ${name}: ${error.message} (user ${user.userId})`);
      return { status: "error", message: messages.common.forbidden };
    }
    console.error(`[staff] ${name} failed for user ${user.userId}:`, error);
    return { status: "error", message: messages.staff.errors.generic };
  }
}
