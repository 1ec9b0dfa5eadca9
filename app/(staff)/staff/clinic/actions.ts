"use server";

import { z } from "zod";
import { staffFormAnswers, type StaffActionState } from "@/components/staff/action-state";
import { db } from "@/db/client";
import { messages } from "@/lib/i18n/messages";
import { updateClinicDetails } from "@/lib/staff/clinic-details";
import { STAFF_ROLES } from "@/lib/auth/actor";
import { validatedActionWithUser } from "@/lib/auth/validated-action";

const t = messages.staff.clinic;
const clinicForm = z.object({
  clinicId: z.uuid(),
  address: z.string().max(500),
  phone: z.string().max(40).default(""),
  hours: z.string().max(1000).default(""),
  latitude: z.string().max(40).default(""),
  longitude: z.string().max(40).default(""),
});

export const updateClinicAction = validatedActionWithUser(
  { name: "staff.update-clinic", schema: clinicForm, roles: STAFF_ROLES, ...staffFormAnswers },
  async (input, user): Promise<StaffActionState> => {
    const result = await updateClinicDetails(db(), user, input);
    return result.ok ? { status: "done", message: t.saved } : { status: "error", message: t.errors[result.error.code] };
  },
);
