import type { ReactNode } from "react";
import { formatJalaliDate, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import type { StaffReview } from "@/lib/reviews/reviews";
import { ReviewBody } from "./review-body";

const t = messages.reviews;

/** Reviews for the doctor (to reply) or the clinic admin (to hide), each with the form `action` gives it. */
export function ManageReviews({ reviews, showPatient, action }: { reviews: StaffReview[]; showPatient: boolean; action: (review: StaffReview) => ReactNode }) {
  if (reviews.length === 0) return <p className="card">{t.none}</p>;
  return (
    <ul className="stack" style={{ listStyle: "none", padding: 0, margin: 0 }}>
      {reviews.map((review) => (
        <li key={review.id} className={review.hiddenAt ? "card stack review hidden" : "card stack review"} data-testid="manage-review" data-review-id={review.id}>
          <p>
            <strong>{t.stars(review.overall)}</strong> · {review.doctorName} · <span className="muted">{formatJalaliDate(review.createdAt)}</span>
            {showPatient ? (
              <>
                {" "}
                · {review.patientName ?? "—"} <span dir="ltr">{persianNumber(review.patientPhone)}</span>
              </>
            ) : null}
          </p>
          <ReviewBody review={review} />
          {review.hiddenAt ? <p className="alert warning">{t.hiddenBecause(review.hiddenReason ?? "")}</p> : null}
          {action(review)}
        </li>
      ))}
    </ul>
  );
}
