"use server";

import { z } from "zod";
import { staffFormAnswers, type StaffActionState } from "@/components/staff/action-state";
import { db } from "@/db/client";
import { messages } from "@/lib/i18n/messages";
import { hideReview } from "@/lib/reviews/reviews";
import { STAFF_ROLES } from "@/lib/auth/actor";
import { validatedActionWithUser } from "@/lib/auth/validated-action";

const t = messages.reviews;
const hideForm = z.object({ reviewId: z.uuid(), reason: z.string().trim().max(500) });

export const hideReviewAction = validatedActionWithUser(
  { name: "staff.hide-review", schema: hideForm, roles: STAFF_ROLES, ...staffFormAnswers },
  async (input, user): Promise<StaffActionState> => {
    const result = await hideReview(db(), user, input);
    return result.ok ? { status: "done", message: t.hiddenDone } : { status: "error", message: t.errors[result.error.code] };
  },
);
