"use server";

import { refresh } from "next/cache";
import { z } from "zod";
import type { StaffActionState } from "@/components/staff/action-state";
import { db } from "@/db/client";
import { STAFF_ROLES } from "@/lib/auth/actor";
import { validatedActionWithUser } from "@/lib/auth/validated-action";
import { messages } from "@/lib/i18n/messages";
import { inviteStaff, removeStaff } from "@/lib/staff/clinic-team";
import { log } from "@/lib/shared/log";

const t = messages.clinicAdmin.team;
const error = (message: string): StaffActionState => ({ status: "error", message });

export const inviteStaffAction = validatedActionWithUser(
  {
    name: "staff.invite",
    schema: z.object({
      clinicId: z.uuid(),
      phone: z.string().max(40),
      name: z.string().max(200).default(""),
      role: z.enum(["receptionist", "clinic_admin"]),
    }),
    error,
    roles: STAFF_ROLES,
  },
  async (input, user): Promise<StaffActionState> => {
    const result = await inviteStaff(db(), user, input);
    if (!result.ok) {
      log.info(`[team] invite to clinic ${input.clinicId} refused for user ${user.userId}: ${result.error.code}`);
      return error(t.errors[result.error.code]);
    }
    log.info(
      `[team] user ${result.value.userId} made ${input.role} of clinic ${input.clinicId} by user ${user.userId}${result.value.created ? " (new account)" : ""}`,
    );
    refresh();
    return { status: "done", message: t.invited(result.value.phone) };
  },
);

export const removeStaffAction = validatedActionWithUser(
  { name: "staff.remove", schema: z.object({ clinicId: z.uuid(), userId: z.uuid() }), error, roles: STAFF_ROLES },
  async (input, user): Promise<StaffActionState> => {
    const result = await removeStaff(db(), user, input);
    if (!result.ok) {
      log.info(`[team] removal of ${input.userId} from ${input.clinicId} refused for user ${user.userId}: ${result.error.code}`);
      return error(t.errors[result.error.code]);
    }
    refresh();
    return { status: "done", message: t.removed };
  },
);
