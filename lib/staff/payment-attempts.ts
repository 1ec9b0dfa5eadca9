import { and, count, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  chatRequests,
  doctors,
  familyMembers,
  paymentAttempts,
  reservations,
  timeSlots,
  users,
  walletLedger,
  type PaymentTarget,
} from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { clinicScope, inScope } from "@/lib/auth/clinic-scope";
import { latinDigits } from "@/lib/i18n/normalize";
import { visitForColumns } from "@/lib/patients/visit-for";
import type { VisitFor } from "@/lib/patients/visit-for-text";
import { pageWindow } from "@/lib/shared/paging";
import { attemptClinicSql } from "./money-clinic";
import { attemptMemberSql } from "./money-person";

export type PaymentStatus = (typeof paymentAttempts.$inferSelect)["status"];
export const PAYMENT_STATUSES: PaymentStatus[] = ["pending", "verifying", "paid", "failed", "abandoned"];

export type PaymentFilters = { status?: PaymentStatus; from?: Date; to?: Date; phone?: string; page?: number };

/** `forName`/`forRelation` (VisitFor): the family member the visit, chat or move was for. */
export type PaymentRow = VisitFor & {
  id: string;
  createdAt: Date;
  settledAt: Date | null;
  status: PaymentStatus;
  outcome: "fulfilled" | "auto_refunded" | null;
  purpose: PaymentTarget["kind"];
  amountRial: number;
  gateway: "sandbox" | "zarinpal" | "wallet";
  authority: string | null;
  refId: string | null;
  lastErrorCode: number | null;
  verifyMs: number | null;
  /** How many attempts of the same intent came before this one (0 for a first try). */
  retryNumber: number;
  retryOf: string | null;
  patientName: string | null;
  patientPhone: string;
  doctorName: string | null;
  slotStartsAt: Date | null;
  reservationId: string | null;
  reservationStatus: string | null;
  chatRequestId: string | null;
  autoRefundRial: number | null;
};

export const PAYMENTS_PAGE_SIZE = 30;

/** The payment attempts for the caller's clinics' doctors with what they paid for, newest first; the platform
 * admin sees every attempt, top-ups included. Staff and admins only. */
export async function paymentAttemptsList(
  db: Db,
  actor: Actor | null,
  filters: PaymentFilters,
): Promise<{ rows: PaymentRow[]; page: number; pageCount: number; total: number }> {
  const scope = await clinicScope(db, actor);
  const phoneDigits = filters.phone
    ? latinDigits(filters.phone)
        .replace(/\D/g, "")
        .replace(/^(0098|98)(?=9)/, "")
        .replace(/^0/, "")
    : "";
  const where: SQL | undefined = and(
    inScope(scope, attemptClinicSql),
    filters.status ? eq(paymentAttempts.status, filters.status) : undefined,
    filters.from ? gte(paymentAttempts.createdAt, filters.from) : undefined,
    filters.to ? lt(paymentAttempts.createdAt, filters.to) : undefined,
    phoneDigits ? sql`${users.phone} like ${`%${phoneDigits}%`}` : undefined,
  );
  // Every attempt has its user (foreign key), so users is joined only to filter by phone: counting a year of
  // attempts through the join hashed the whole users table on every page (docs/query-plans.md).
  const counted = db.select({ total: count() }).from(paymentAttempts).$dynamic();
  const [{ total } = { total: 0 }] = await (phoneDigits ? counted.innerJoin(users, eq(users.id, paymentAttempts.userId)) : counted).where(
    where,
  );
  const { page, pageCount, offset } = pageWindow(total, filters.page, PAYMENTS_PAGE_SIZE);

  const targetSlot = sql`(${paymentAttempts.target}->>'slotId')::uuid`;
  const targetDoctor = sql`coalesce(${timeSlots.doctorId}, (${paymentAttempts.target}->>'doctorId')::uuid)`;
  const rows = await db
    .select({
      id: paymentAttempts.id,
      createdAt: paymentAttempts.createdAt,
      settledAt: paymentAttempts.settledAt,
      status: paymentAttempts.status,
      outcome: paymentAttempts.outcome,
      purpose: paymentAttempts.purpose,
      amountRial: paymentAttempts.amountRial,
      gateway: paymentAttempts.gateway,
      authority: paymentAttempts.authority,
      refId: paymentAttempts.refId,
      lastErrorCode: paymentAttempts.lastErrorCode,
      verifyMs: paymentAttempts.verifyMs,
      retryNumber: sql<number>`(select count(*)::int from ${paymentAttempts} earlier where earlier.intent_id = ${paymentAttempts.intentId} and earlier.created_at < ${paymentAttempts.createdAt})`,
      retryOf: paymentAttempts.retryOf,
      patientName: users.name,
      patientPhone: users.phone,
      ...visitForColumns,
      doctorName: doctors.name,
      slotStartsAt: timeSlots.startsAt,
      reservationId: reservations.id,
      reservationStatus: reservations.status,
      chatRequestId: chatRequests.id,
      autoRefundRial: walletLedger.amountRial,
    })
    .from(paymentAttempts)
    .innerJoin(users, eq(users.id, paymentAttempts.userId))
    .leftJoin(timeSlots, sql`${timeSlots.id} = ${targetSlot}`)
    .leftJoin(doctors, sql`${doctors.id} = ${targetDoctor}`)
    .leftJoin(reservations, eq(reservations.paymentAttemptId, paymentAttempts.id))
    .leftJoin(chatRequests, eq(chatRequests.paymentAttemptId, paymentAttempts.id))
    .leftJoin(familyMembers, sql`${familyMembers.id} = ${attemptMemberSql}`)
    .leftJoin(
      walletLedger,
      and(eq(walletLedger.reason, "auto_refund"), eq(walletLedger.reference, sql<string>`${paymentAttempts.id}::text`)),
    )
    .where(where)
    .orderBy(desc(paymentAttempts.createdAt), desc(paymentAttempts.id))
    .limit(PAYMENTS_PAGE_SIZE)
    .offset(offset);
  return { rows, page, pageCount, total };
}
