import { and, asc, eq, isNull, ne, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { reservations, reviews } from "@/db/schema";

/** Reviews without an attended visit of that patient with that doctor behind them. Expected: none, ever — the
 * database refuses them (reviews_attended_visit_only and the composite key); this check says so from the
 * outside. Whether the visit itself was paid is the ghost-record check, which `check:integrity` runs too. */
export async function unverifiedReviews(db: Db): Promise<string[]> {
  const rows = await db
    .select({ id: reviews.id })
    .from(reviews)
    .leftJoin(
      reservations,
      and(eq(reservations.id, reviews.reservationId), eq(reservations.patientId, reviews.patientId), eq(reservations.doctorId, reviews.doctorId)),
    )
    .where(or(isNull(reservations.id), ne(reservations.status, "attended")))
    .orderBy(asc(reviews.id));
  return rows.map((r) => r.id);
}
