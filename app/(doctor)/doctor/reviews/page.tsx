import type { Metadata } from "next";
import { ManageReviews } from "@/components/reviews/manage-reviews";
import { db } from "@/db/client";
import { requireRole } from "@/lib/auth/current-user";
import { messages } from "@/lib/i18n/messages";
import { reviewsToManage } from "@/lib/reviews/reviews";
import { replyToReviewAction } from "./actions";

export const metadata: Metadata = { title: messages.reviews.manageTitle };

export default async function DoctorReviewsPage() {
  const user = await requireRole(["doctor"], "/doctor/reviews");
  const reviews = await reviewsToManage(db(), user);
  return <ManageReviews reviews={reviews} kind="reply" action={replyToReviewAction} />;
}
