"use server";

import { refresh } from "next/cache";
import { z } from "zod";
import type { StaffActionState } from "@/components/staff/action-state";
import { db } from "@/db/client";
import { ForbiddenError } from "@/lib/auth/actor";
import { currentUser } from "@/lib/auth/current-user";
import { messages } from "@/lib/i18n/messages";
import { replyToReview } from "@/lib/reviews/reviews";
import { formEntries } from "@/lib/shared/client-text";

const t = messages.reviews;
const replyForm = z.object({ reviewId: z.uuid(), reply: z.string().max(2000) });

export async function replyToReviewAction(_prev: StaffActionState, formData: FormData): Promise<StaffActionState> {
  const parsed = replyForm.safeParse(formEntries(formData));
  if (!parsed.success) return { status: "error", message: t.errors.invalidInput };
  const user = await currentUser();
  if (!user) return { status: "error", message: messages.common.forbidden };
  try {
    const result = await replyToReview(db(), user, parsed.data);
    if (!result.ok) return { status: "error", message: t.errors[result.error.code] };
    refresh();
    return { status: "done", message: t.replied };
  } catch (error) {
    if (error instanceof ForbiddenError) return { status: "error", message: messages.common.forbidden };
    console.error(`[reviews] reply failed for user ${user.userId}:`, error);
    return { status: "error", message: t.errors.generic };
  }
}
