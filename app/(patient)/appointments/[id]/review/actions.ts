"use server";

import { staffFormAnswers, type StaffActionState } from "@/components/staff/action-state";
import { db } from "@/db/client";
import { validatedActionWithUser } from "@/lib/auth/validated-action";
import { messages } from "@/lib/i18n/messages";
import { reviewForm } from "@/lib/reviews/review-form";
import { submitReview } from "@/lib/reviews/reviews";

const t = messages.reviews;

export const submitReviewAction = validatedActionWithUser(
  {
    name: "reviews.submit",
    schema: reviewForm,
    ...staffFormAnswers,
    invalid: () => staffFormAnswers.error(t.errors.invalid_rating),
    // No refresh: the form answers with its thanks; "نوبت‌های من" is rendered fresh when the patient goes back.
    refreshWhen: () => false,
  },
  async (input, user): Promise<StaffActionState> => {
    const result = await submitReview(db(), user, { ...input, recommends: input.recommends === "yes" });
    if (!result.ok) return { status: "error", message: t.errors[result.error.code] };
    return { status: "done", message: t.thanks };
  },
);
