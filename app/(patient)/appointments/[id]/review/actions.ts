"use server";

import type { StaffActionState } from "@/components/staff/action-state";
import { db } from "@/db/client";
import { ForbiddenError } from "@/lib/auth/actor";
import { currentUser } from "@/lib/auth/current-user";
import { messages } from "@/lib/i18n/messages";
import { reviewForm } from "@/lib/reviews/review-form";
import { submitReview } from "@/lib/reviews/reviews";
import { formEntries } from "@/lib/shared/client-text";

const t = messages.reviews;

export async function submitReviewAction(_prev: StaffActionState, formData: FormData): Promise<StaffActionState> {
  const parsed = reviewForm.safeParse(formEntries(formData));
  if (!parsed.success) {
    console.warn(`[reviews] submit: invalid input ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    return { status: "error", message: t.errors.invalid_rating };
  }
  const user = await currentUser();
  if (!user) return { status: "error", message: messages.common.forbidden };
  try {
    const result = await submitReview(db(), user, { ...parsed.data, recommends: parsed.data.recommends === "yes" });
    if (!result.ok) return { status: "error", message: t.errors[result.error.code] };
    // No refresh: the form answers with its thanks; "نوبت‌های من" is rendered fresh when the patient goes back.
    return { status: "done", message: t.thanks };
  } catch (error) {
    if (error instanceof ForbiddenError) return { status: "error", message: messages.common.forbidden };
    console.error(`[reviews] submit failed for user ${user.userId}:`, error);
    return { status: "error", message: t.errors.generic };
  }
}
