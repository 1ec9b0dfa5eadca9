import { and, count, desc, eq, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { clinicScope, inScope } from "@/lib/auth/clinic-scope";
import { pageWindow } from "@/lib/shared/paging";
import { describeSubjects, type AuditSubject } from "./audit-subjects";

/** Every staff and admin action leaves one row here: who, what, on what, before and after, and why — and so
 * does a patient's move of their visit (it changes the clinic's day). Writers call recordAudit inside the
 * transaction that makes the change, so there is no change without its row. */
export type AuditAction =
  | "reservation.cancel"
  | "reservation.reschedule"
  | "reservation.attendance"
  | "slot.close"
  | "slot.reopen"
  | "schedule.update"
  | "slots.generate"
  | "wallet.adjust"
  | "ops.cleanup"
  | "review.hide"
  | "clinic.update"
  | "visit.delay"
  | "account.delete"
  | "doctor.create"
  | "doctor.update"
  | "doctor.photo"
  | "staff.invite"
  | "staff.remove"
  | "withdrawal.pay"
  | "withdrawal.reject"
  | "chat.close";

export type AuditEntry = {
  actorId: string;
  action: AuditAction;
  subjectType: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  /** The clinic it concerns (see audit_log.clinic_id); left out for platform-wide actions. */
  clinicId?: string | null;
};

export async function recordAudit(db: Db, entry: AuditEntry): Promise<string> {
  const [row] = await db
    .insert(auditLog)
    .values({
      ...entry,
      before: entry.before ?? null,
      after: entry.after ?? null,
      reason: entry.reason ?? null,
      clinicId: entry.clinicId ?? null,
    })
    .returning({ id: auditLog.id });
  return row!.id;
}

export type AuditRow = {
  id: string;
  createdAt: Date;
  actorName: string | null;
  actorPhone: string;
  actorRole: string;
  action: string;
  subjectType: string;
  subjectId: string;
  /** The subject by name (patient, doctor, time), for people reading the trail. */
  subject: AuditSubject;
  before: unknown;
  after: unknown;
  reason: string | null;
};

export const AUDIT_PAGE_SIZE = 50;

/** The audit trail, newest first. The platform admin reads all of it; a clinic admin only their clinics'
 * entries (never the platform-wide ones: wallet adjustments, cleanup); receptionists, doctors and patients
 * are refused: it names staff and patients and shows money movements. */
export async function auditTrail(
  db: Db,
  actor: Actor | null,
  input: { page?: number; action?: string } = {},
): Promise<{ rows: AuditRow[]; page: number; pageCount: number }> {
  const scope = await clinicScope(db, actor, "clinic_admin");
  const where: SQL | undefined = and(inScope(scope, auditLog.clinicId), input.action ? eq(auditLog.action, input.action) : undefined);
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(auditLog).where(where);
  const { page, pageCount, offset } = pageWindow(n, input.page, AUDIT_PAGE_SIZE);
  const rows = await db
    .select({
      id: auditLog.id,
      createdAt: auditLog.createdAt,
      actorName: users.name,
      actorPhone: users.phone,
      actorRole: users.role,
      action: auditLog.action,
      subjectType: auditLog.subjectType,
      subjectId: auditLog.subjectId,
      before: auditLog.before,
      after: auditLog.after,
      reason: auditLog.reason,
    })
    .from(auditLog)
    .innerJoin(users, eq(users.id, auditLog.actorId))
    .where(where)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset(offset);
  const subjects = await describeSubjects(db, rows);
  return { rows: rows.map((row, i) => ({ ...row, subject: subjects[i]! })), page, pageCount };
}
