import { eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { chatRequests, doctors } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";

/** Unread counts come from the read markers on chat_requests, compared in SQL: the timestamps keep
 * microseconds that a JavaScript Date would lose. */

/** Per request: the doctor's messages the patient has not seen. */
export const patientUnreadSql: SQL<number> = sql<number>`(
  select count(*)::int from chat_messages m
  where m.chat_request_id = ${chatRequests.id}
    and m.sender_id <> ${chatRequests.patientId}
    and m.created_at > coalesce(${chatRequests.patientReadAt}, '-infinity'::timestamptz)
)`;

/** Per request: the patient's messages the doctor has not seen, plus the question itself while a new
 * request has never been opened. An expired request needs nothing from the doctor any more. */
export const doctorUnreadSql: SQL<number> = sql<number>`(case when ${chatRequests.status} = 'expired' then 0 else (
  select count(*)::int from chat_messages m
  where m.chat_request_id = ${chatRequests.id}
    and m.sender_id = ${chatRequests.patientId}
    and m.created_at > coalesce(${chatRequests.doctorReadAt}, '-infinity'::timestamptz)
) + (case when ${chatRequests.status} = 'waiting' and ${chatRequests.doctorReadAt} is null then 1 else 0 end) end)`;

/** The number in the header: for a doctor, what waits in their inbox; for anyone else, what the doctors
 * wrote to them. */
export async function unreadChatCount(db: Db, actor: Actor): Promise<number> {
  if (actor.role === "doctor") {
    const [row] = await db
      .select({ n: sql<number>`coalesce(sum(${doctorUnreadSql}), 0)::int` })
      .from(chatRequests)
      .innerJoin(doctors, eq(doctors.id, chatRequests.doctorId))
      .where(eq(doctors.userId, actor.userId));
    return row?.n ?? 0;
  }
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${patientUnreadSql}), 0)::int` })
    .from(chatRequests)
    .where(eq(chatRequests.patientId, actor.userId));
  return row?.n ?? 0;
}
