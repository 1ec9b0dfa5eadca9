import type { StaffAction } from "@/components/staff/action-state";
import { formatJalaliDate, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import type { StaffReview } from "@/lib/reviews/reviews";
import { ReviewActionForm, type ReviewAction } from "./review-action-form";
import { ReviewBody } from "./review-body";

const t = messages.reviews;

/** The manage-reviews page: every review for the doctor (who replies, once) or the clinic admin (who sees the
 * patient and hides a review with a reason); a review already answered or hidden has no form. */
export function ManageReviews({ reviews, kind, action }: { reviews: StaffReview[]; kind: ReviewAction; action: StaffAction }) {
  return (
    <div className="stack">
      <h1>{t.manageTitle}</h1>
      <ReviewList reviews={reviews} kind={kind} action={action} />
    </div>
  );
}

function ReviewList({ reviews, kind, action }: { reviews: StaffReview[]; kind: ReviewAction; action: StaffAction }) {
  const showPatient = kind === "hide";
  const open = (review: StaffReview) => !review.hiddenAt && (kind === "hide" || !review.reply);
  if (reviews.length === 0) return <p className="card">{t.none}</p>;
  return (
    <ul className="stack plain-list">
      {reviews.map((review) => (
        <li
          key={review.id}
          className={review.hiddenAt ? "card stack review hidden" : "card stack review"}
          data-testid="manage-review"
          data-review-id={review.id}
        >
          <p>
            <strong>{t.stars(review.overall)}</strong> · {review.doctorName} ·{" "}
            <span className="muted">{formatJalaliDate(review.createdAt)}</span>
            {showPatient ? (
              <>
                {" "}
                · {review.patientName ?? "—"} <span dir="ltr">{persianNumber(review.patientPhone)}</span>
              </>
            ) : null}
          </p>
          <ReviewBody review={review} />
          {review.hiddenAt ? <p className="alert warning">{t.hiddenBecause(review.hiddenReason ?? "")}</p> : null}
          {open(review) ? <ReviewActionForm kind={kind} action={action} reviewId={review.id} /> : null}
        </li>
      ))}
    </ul>
  );
}
