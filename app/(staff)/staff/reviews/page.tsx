import type { Metadata } from "next";
import { ManageReviews } from "@/components/reviews/manage-reviews";
import { StaffActionForm } from "@/components/staff/staff-action-form";
import { db } from "@/db/client";
import { requireStaff } from "@/lib/auth/current-user";
import { messages } from "@/lib/i18n/messages";
import { reviewsToManage } from "@/lib/reviews/reviews";
import { hideReviewAction } from "./actions";

const t = messages.reviews;

export const metadata: Metadata = { title: t.manageTitle };

/** Clinic admins: their clinics' reviews; hide one with a reason (audited), never edit it. */
export default async function StaffReviewsPage() {
  const user = await requireStaff("/staff/reviews", "clinic_admin");
  const reviews = await reviewsToManage(db(), user);
  return (
    <div className="stack">
      <h1>{t.manageTitle}</h1>
      <ManageReviews
        reviews={reviews}
        showPatient
        action={(review) =>
          review.hiddenAt ? null : (
            <StaffActionForm action={hideReviewAction} hidden={{ reviewId: review.id }} submitLabel={t.hide} danger>
              <div className="field">
                <label htmlFor={`hide-${review.id}`}>{t.hideReason}</label>
                <input id={`hide-${review.id}`} name="reason" className="input" maxLength={500} required />
              </div>
            </StaffActionForm>
          )
        }
      />
    </div>
  );
}
