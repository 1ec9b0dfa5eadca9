import { messages } from "@/lib/i18n/messages";
import type { PublicReview } from "@/lib/reviews/reviews";

const t = messages.reviews;

/** The three aspects, the recommendation, the comment and the doctor's reply: the same on the doctor page and
 * on the doctor's and clinic admin's lists. */
export function ReviewBody({ review }: { review: PublicReview }) {
  return (
    <>
      <p className="muted">
        {(["treatment", "manner", "explanation"] as const).map((aspect) => `${t.aspects[aspect]}: ${t.stars(review[aspect])}`).join(" · ")}{" "}
        · {review.recommends ? t.recommends : t.notRecommends}
      </p>
      {review.comment ? <p>{review.comment}</p> : null}
      {review.reply ? (
        <blockquote className="doctor-reply">
          <strong>{t.doctorReply}:</strong> {review.reply}
        </blockquote>
      ) : null}
    </>
  );
}
