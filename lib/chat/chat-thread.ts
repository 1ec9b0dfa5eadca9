import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { doctors, familyMembers, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { jalaliYear } from "@/lib/patients/profile-input";
import { visitForColumns } from "@/lib/patients/visit-for";
import type { VisitFor } from "@/lib/patients/visit-for-text";
import { chatRequestFor } from "./chat-access";
import { messagesAfter } from "./chat-messages";
import { peerSeen } from "./chat-receipts";
import type { ChatMessageView, ChatRole, ChatStatus, PeerSeen } from "./chat-wire";

export type ChatThread = {
  id: string;
  role: ChatRole;
  status: ChatStatus;
  question: string;
  amountRial: number;
  createdAt: Date;
  answerDeadline: Date;
  doctor: { id: string; name: string; title: string };
  patientName: string;
  /** The account holder's age from their Jalali birth year and their sex, when their profile has them. */
  patientProfile: { age: number | null; sex: "female" | "male" | null };
  /** Whom the consultation is about when the patient asked for a family member. */
  about: VisitFor;
  messages: ChatMessageView[];
  peerSeen: PeerSeen | null;
  /** Set once the doctor has closed the consultation with a summary. */
  closing: { summary: string; closedAt: Date } | null;
};

/** A conversation as its patient, its doctor or staff see it; null for anyone else. Reading it changes
 * nothing: the screen's first poll marks it read. */
export async function chatThread(db: Db, actor: Actor | null, chatRequestId: string, now = new Date()): Promise<ChatThread | null> {
  const access = await chatRequestFor(db, actor, chatRequestId);
  if (!access) return null;
  const { request } = access;
  const [doctor] = await db
    .select({ id: doctors.id, name: doctors.name, title: doctors.title })
    .from(doctors)
    .where(eq(doctors.id, request.doctorId));
  const [patient] = await db
    .select({ name: users.name, phone: users.phone, birthYear: users.birthYear, sex: users.sex })
    .from(users)
    .where(eq(users.id, request.patientId));
  const [about] = request.familyMemberId
    ? await db.select(visitForColumns).from(familyMembers).where(eq(familyMembers.id, request.familyMemberId))
    : [];
  return {
    id: request.id,
    role: access.role,
    status: request.status,
    question: request.question,
    amountRial: request.amountRial,
    createdAt: request.createdAt,
    answerDeadline: request.answerDeadline,
    doctor: doctor!,
    patientName: patient!.name ?? patient!.phone,
    patientProfile: { age: patient!.birthYear ? jalaliYear(now) - patient!.birthYear : null, sex: patient!.sex },
    about: about ?? { forName: null, forRelation: null },
    messages: await messagesAfter(db, request, null),
    peerSeen: await peerSeen(db, access),
    closing: request.closingSummary && request.closedAt ? { summary: request.closingSummary, closedAt: request.closedAt } : null,
  };
}
