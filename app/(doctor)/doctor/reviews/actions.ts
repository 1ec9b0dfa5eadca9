"use server";

import { z } from "zod";
import { staffFormAnswers, type StaffActionState } from "@/components/staff/action-state";
import { db } from "@/db/client";
import { validatedActionWithUser } from "@/lib/auth/validated-action";
import { messages } from "@/lib/i18n/messages";
import { replyToReview } from "@/lib/reviews/reviews";

const t = messages.reviews;
const replyForm = z.object({ reviewId: z.uuid(), reply: z.string().max(2000) });

export const replyToReviewAction = validatedActionWithUser(
  { name: "reviews.reply", schema: replyForm, roles: ["doctor"], ...staffFormAnswers },
  async (input, user): Promise<StaffActionState> => {
    const result = await replyToReview(db(), user, input);
    if (!result.ok) return { status: "error", message: t.errors[result.error.code] };
    return { status: "done", message: t.replied };
  },
);
