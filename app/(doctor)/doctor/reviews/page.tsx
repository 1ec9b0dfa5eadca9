import type { Metadata } from "next";
import { ManageReviews } from "@/components/reviews/manage-reviews";
import { StaffActionForm } from "@/components/staff/staff-action-form";
import { db } from "@/db/client";
import { requireRole } from "@/lib/auth/current-user";
import { messages } from "@/lib/i18n/messages";
import { reviewsToManage } from "@/lib/reviews/reviews";
import { replyToReviewAction } from "./actions";

const t = messages.reviews;

export const metadata: Metadata = { title: t.manageTitle };

export default async function DoctorReviewsPage() {
  const user = await requireRole(["doctor"], "/doctor/reviews");
  const reviews = await reviewsToManage(db(), user);
  return (
    <div className="stack">
      <h1>{t.manageTitle}</h1>
      <ManageReviews
        reviews={reviews}
        showPatient={false}
        action={(review) =>
          review.reply || review.hiddenAt ? null : (
            <StaffActionForm action={replyToReviewAction} hidden={{ reviewId: review.id }} submitLabel={t.sendReply}>
              <div className="field">
                <label htmlFor={`reply-${review.id}`}>{t.reply}</label>
                <textarea id={`reply-${review.id}`} name="reply" className="input" rows={3} maxLength={1000} required />
              </div>
            </StaffActionForm>
          )
        }
      />
    </div>
  );
}
