import type { Metadata } from "next";
import { ManageReviews } from "@/components/reviews/manage-reviews";
import { db } from "@/db/client";
import { requireStaff } from "@/lib/auth/current-user";
import { messages } from "@/lib/i18n/messages";
import { reviewsToManage } from "@/lib/reviews/reviews";
import { hideReviewAction } from "./actions";

export const metadata: Metadata = { title: messages.reviews.manageTitle };

/** Clinic admins: their clinics' reviews; hide one with a reason (audited), never edit it. */
export default async function StaffReviewsPage() {
  const user = await requireStaff("/staff/reviews", "clinic_admin");
  const reviews = await reviewsToManage(db(), user);
  return <ManageReviews reviews={reviews} kind="hide" action={hideReviewAction} />;
}
