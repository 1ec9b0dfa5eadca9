"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { WaitlistFormState } from "@/components/waitlist/waitlist-forms";
import { db } from "@/db/client";
import { validatedActionWithUser } from "@/lib/auth/validated-action";
import { messages } from "@/lib/i18n/messages";
import { joinWaitlist, leaveWaitlist } from "@/lib/waitlist/waitlist";
import { log } from "@/lib/shared/log";

const t = messages.waitlist;

const error = (message: string): WaitlistFormState => ({ status: "error", message });
/** A Tehran day from the form's list, or "" for any day. */
const day = z.union([z.literal(""), z.iso.date()]).optional();

/** Whoever is on a waitlist sees it on the doctor's page and under «نوبت‌های من» — the two routes whose forms post
 * these actions, which is why they live in app/actions/ and not in either route. */
function refresh(doctorId: string) {
  revalidatePath(`/doctors/${doctorId}`);
  revalidatePath("/appointments");
}

export const joinWaitlistAction = validatedActionWithUser(
  {
    name: "waitlist.join",
    schema: z.object({ doctorId: z.uuid(), fromDate: day, toDate: day }),
    error,
    signInReturnTo: (input) => `/doctors/${input.doctorId}`,
  },
  async (input, user): Promise<WaitlistFormState> => {
    const result = await joinWaitlist(db(), user, input);
    if (!result.ok) {
      log.warn(`[waitlist] join refused for user ${user.userId}, doctor ${input.doctorId}: ${result.error.code}`);
      return error(t.errors[result.error.code]);
    }
    refresh(input.doctorId);
    return { status: "done", message: t.card.joined };
  },
);

export const leaveWaitlistAction = validatedActionWithUser(
  { name: "waitlist.leave", schema: z.object({ entryId: z.uuid() }), error },
  async (input, user): Promise<WaitlistFormState> => {
    const result = await leaveWaitlist(db(), user, input);
    if (!result.ok) {
      log.warn(`[waitlist] leave refused for user ${user.userId}, entry ${input.entryId}: ${result.error.code}`);
      return error(t.errors[result.error.code]);
    }
    refresh(result.value.doctorId);
    return { status: "done", message: t.card.left };
  },
);
