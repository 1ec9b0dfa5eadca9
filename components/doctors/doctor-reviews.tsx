import { formatJalaliDate } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import type { ReviewSummary } from "@/lib/reviews/reviews";
import { ReviewBody } from "../reviews/review-body";

const t = messages.reviews;
const ASPECTS = ["overall", "treatment", "manner", "explanation"] as const;

/** Averages, count and the latest reviews on a doctor's page; every one is from a verified visit. */
export function DoctorReviews({ summary }: { summary: ReviewSummary }) {
  return (
    <section className="card stack doctor-reviews" aria-labelledby="reviews-heading" data-testid="doctor-reviews">
      <h2 id="reviews-heading">
        {t.heading} {summary.count > 0 ? <span className="muted">({t.count(summary.count)})</span> : null}
      </h2>
      {summary.averages === null ? (
        <p className="muted">{t.none}</p>
      ) : (
        <>
          <dl className="summary review-averages">
            {ASPECTS.map((aspect) => (
              <div key={aspect} className="contents">
                <dt>{t.aspects[aspect]}</dt>
                <dd data-testid={`average-${aspect}`}>{t.outOfFive(t.average(summary.averages![aspect]))}</dd>
              </div>
            ))}
          </dl>
          {summary.recommendRate !== null ? <p>{t.recommend(summary.recommendRate)}</p> : null}
          <p className="hint">{t.verifiedHint}</p>
          <ul className="stack plain-list">
            {summary.latest.map((review) => (
              <li key={review.id} className="review" data-testid="review">
                <p>
                  <strong>{t.stars(review.overall)}</strong> · {review.author ? t.by(review.author) : null} ·{" "}
                  <span className="badge">{t.verified}</span> · <span className="muted">{formatJalaliDate(review.createdAt)}</span>
                </p>
                <ReviewBody review={review} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
