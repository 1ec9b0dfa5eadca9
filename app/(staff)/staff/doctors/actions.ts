"use server";

import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { StaffActionState } from "@/components/staff/action-state";
import { db } from "@/db/client";
import { STAFF_ROLES } from "@/lib/auth/actor";
import { validatedActionWithUser } from "@/lib/auth/validated-action";
import { messages } from "@/lib/i18n/messages";
import { createDoctor, updateDoctor } from "@/lib/staff/doctor-admin";
import { log } from "@/lib/shared/log";

const t = messages.clinicAdmin.doctors;
const error = (message: string): StaffActionState => ({ status: "error", message });

// Bounds against abuse only: the service says what each field may be, in Persian.
const text = (max: number) => z.string().max(max).default("");
const doctorFields = {
  name: text(200),
  title: text(200),
  specialtyId: z.uuid(),
  phone: text(40),
  councilNumber: text(40),
  visitFeeToman: text(40),
  chatFeeToman: text(40),
  takesChat: z
    .literal("1")
    .optional()
    .transform((value) => value === "1"),
  chatAnswerHours: text(10),
  bio: text(4000),
  education: text(2000),
  languages: text(1000),
  insurances: text(2000),
};

export const createDoctorAction = validatedActionWithUser(
  { name: "staff.create-doctor", schema: z.object({ clinicId: z.uuid(), ...doctorFields }), error, roles: STAFF_ROLES },
  async (input, user): Promise<StaffActionState> => {
    const result = await createDoctor(db(), user, input);
    if (!result.ok) {
      log.info(`[doctors] create refused for user ${user.userId}: ${result.error.code}`);
      return error(t.errors[result.error.code]);
    }
    log.info(`[doctors] doctor ${result.value.doctorId} created by user ${user.userId}`);
    // On to the new doctor's page, where the photo is uploaded.
    redirect(`/staff/doctors/${result.value.doctorId}?created=1`);
  },
);

export const updateDoctorAction = validatedActionWithUser(
  { name: "staff.update-doctor", schema: z.object({ doctorId: z.uuid(), ...doctorFields }), error, roles: STAFF_ROLES },
  async (input, user): Promise<StaffActionState> => {
    const result = await updateDoctor(db(), user, input);
    if (!result.ok) {
      log.info(`[doctors] update of ${input.doctorId} refused for user ${user.userId}: ${result.error.code}`);
      return error(t.errors[result.error.code]);
    }
    refresh();
    return { status: "done", message: t.saved };
  },
);
