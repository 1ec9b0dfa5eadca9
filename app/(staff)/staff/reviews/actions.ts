"use server";

import { z } from "zod";
import type { StaffActionState } from "@/components/staff/action-state";
import { db } from "@/db/client";
import { messages } from "@/lib/i18n/messages";
import { hideReview } from "@/lib/reviews/reviews";
import { staffAction } from "../staff-action";

const t = messages.reviews;
const hideForm = z.object({ reviewId: z.uuid(), reason: z.string().trim().max(500) });

export async function hideReviewAction(_prev: StaffActionState, formData: FormData): Promise<StaffActionState> {
  return staffAction("hideReview", formData, hideForm, async (user, input) => {
    const result = await hideReview(db(), user, input);
    return result.ok ? { status: "done", message: t.hiddenDone } : { status: "error", message: t.errors[result.error.code] };
  });
}
