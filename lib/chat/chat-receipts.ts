import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { ChatAccess } from "./chat-access";
import type { PeerSeen } from "./chat-wire";

/** What the other side of the conversation has seen, for the sender's "seen" ticks: whether the doctor has
 * opened the question, and the last message the other side has been shown. Decided in SQL, where the read
 * marker and the messages' times keep their microseconds (a JavaScript Date would round two messages of
 * the same millisecond together). Staff read for support and get no ticks. */
export async function peerSeen(db: Db, access: ChatAccess): Promise<PeerSeen | null> {
  if (access.role === "staff") return null;
  // Spelled out: in a one-table select drizzle leaves columns unqualified, and inside the subquery an
  // unqualified "id" would be the message's.
  const marker = sql.raw(access.role === "patient" ? "r.doctor_read_at" : "r.patient_read_at");
  const [row] = await db
    .select({
      question: sql<boolean>`r.doctor_read_at is not null`,
      upToMessageId: sql<string | null>`(
        select c.id from chat_messages c
        where c.chat_request_id = r.id and c.created_at <= ${marker}
        order by c.created_at desc limit 1)`,
    })
    .from(sql`chat_requests r`)
    .where(sql`r.id = ${access.request.id}`);
  return row ?? null;
}
