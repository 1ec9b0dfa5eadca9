import { asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { chatMessages, chatRequests, doctors, familyMembers, users } from "@/db/schema";
import { assertRole, isStaff, type Actor } from "@/lib/auth/actor";
import { staffClinicsSql } from "@/lib/auth/clinic-scope";
import { visitForColumns } from "@/lib/patients/visit-for";
import type { VisitFor } from "@/lib/patients/visit-for-text";
import { doctorUnreadSql, patientUnreadSql } from "./chat-unread";
import type { ChatStatus } from "./chat-wire";

/** With whom the consultation is about when the patient asked for a family member (VisitFor). */
export type ChatListItem = VisitFor & {
  id: string;
  status: ChatStatus;
  question: string;
  createdAt: Date;
  answerDeadline: Date;
  doctorName: string;
  patientName: string;
  lastActivityAt: Date;
  unread: number;
  /** The doctor wrote the conversation's last message. */
  answered: boolean;
  /** Until the answer deadline, by the database's clock (negative once past). */
  secondsLeft: number;
  /** The doctor's closing summary, once the consultation is closed. */
  closingSummary: string | null;
};

/** Support sees the most recent conversations only; patients and doctors have few. */
const SUPPORT_LIST_LIMIT = 100;

const lastActivitySql = sql`coalesce((select max(c.created_at) from chat_messages c where c.chat_request_id = ${chatRequests.id}), ${chatRequests.createdAt})`;

function listQuery(db: Db, unread: SQL<number>) {
  return db
    .select({
      id: chatRequests.id,
      status: chatRequests.status,
      closingSummary: chatRequests.closingSummary,
      question: chatRequests.question,
      createdAt: chatRequests.createdAt,
      answerDeadline: chatRequests.answerDeadline,
      doctorName: doctors.name,
      patientName: sql<string>`coalesce(${users.name}, ${users.phone})`,
      ...visitForColumns,
      lastActivityAt: sql<Date>`${lastActivitySql}`.mapWith(chatMessages.createdAt),
      unread,
      secondsLeft: sql<number>`floor(extract(epoch from (${chatRequests.answerDeadline} - now())))::int`,
      answered: sql<boolean>`coalesce((select c.sender_id <> ${chatRequests.patientId} from chat_messages c where c.chat_request_id = ${chatRequests.id} order by c.created_at desc limit 1), false)`,
    })
    .from(chatRequests)
    .innerJoin(doctors, eq(doctors.id, chatRequests.doctorId))
    .innerJoin(users, eq(users.id, chatRequests.patientId))
    .leftJoin(familyMembers, eq(familyMembers.id, chatRequests.familyMemberId))
    .$dynamic();
}

/** The /chats list: a patient's own consultations, newest activity first; staff get the recent
 * conversations with their clinics' doctors (every clinic's for the platform admin) to support them, with
 * nothing counted as unread for staff. */
export async function myChats(db: Db, actor: Actor): Promise<ChatListItem[]> {
  if (isStaff(actor)) {
    return listQuery(db, sql<number>`0`)
      .where(staffClinicsSql(actor, doctors.clinicId))
      .orderBy(desc(lastActivitySql))
      .limit(SUPPORT_LIST_LIMIT);
  }
  return listQuery(db, patientUnreadSql).where(eq(chatRequests.patientId, actor.userId)).orderBy(desc(lastActivitySql));
}

/** A doctor's inbox: the requests addressed to the doctor profile linked to their account, those waiting
 * for acceptance first with the nearest deadline on top, then by latest activity. `linked` is false for a
 * doctor account no profile points to. */
export async function doctorInbox(db: Db, actor: Actor | null): Promise<{ linked: boolean; requests: ChatListItem[] }> {
  assertRole(actor, ["doctor"]);
  const [doctor] = await db.select({ id: doctors.id }).from(doctors).where(eq(doctors.userId, actor.userId));
  if (!doctor) return { linked: false, requests: [] };
  const requests = await listQuery(db, doctorUnreadSql)
    .where(eq(chatRequests.doctorId, doctor.id))
    .orderBy(asc(sql`case when ${chatRequests.status} = 'waiting' then ${chatRequests.answerDeadline} end`), desc(lastActivitySql));
  return { linked: true, requests };
}
