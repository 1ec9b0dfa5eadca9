import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ReviewForm } from "@/components/reviews/review-form";
import { db } from "@/db/client";
import { requireUser } from "@/lib/auth/current-user";
import { formatJalaliDateTime } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { visitForReview } from "@/lib/reviews/reviews";
import { submitReviewAction } from "./actions";

const t = messages.reviews;

export const metadata: Metadata = { title: t.formTitle };

export default async function ReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/appointments/${id}/review`);
  const parsed = z.uuid().safeParse(id);
  const visit = parsed.success ? await visitForReview(db(), user, parsed.data) : null;
  if (!visit) notFound();
  return (
    <div className="card stack narrow-page">
      <h1>{t.formTitle}</h1>
      <p className="muted">{t.visitLine(visit.doctorName, formatJalaliDateTime(visit.startsAt))}</p>
      {visit.reviewId ? (
        <p className="alert info">{t.alreadyReviewed}</p>
      ) : visit.status !== "attended" ? (
        <p className="alert warning">{t.notAttended}</p>
      ) : (
        <ReviewForm reservationId={visit.id} action={submitReviewAction} />
      )}
      <Link href="/appointments">{messages.appointments.title}</Link>
    </div>
  );
}
