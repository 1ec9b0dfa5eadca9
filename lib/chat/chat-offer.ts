import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { doctors } from "@/db/schema";

export type ChatOffer = { doctorId: string; name: string; title: string; takesChat: boolean; feeRial: number; answerHours: number };

/** What the question page shows: the doctor's own fee and answer deadline, from the database. Null for an
 * unknown doctor. The engine prices the payment again from the database; this is for display. */
export async function chatOffer(db: Db, doctorId: string): Promise<ChatOffer | null> {
  if (!z.uuid().safeParse(doctorId).success) return null;
  const [offer] = await db
    .select({
      doctorId: doctors.id,
      name: doctors.name,
      title: doctors.title,
      takesChat: doctors.takesChat,
      feeRial: doctors.chatFeeRial,
      answerHours: doctors.chatAnswerHours,
    })
    .from(doctors)
    .where(eq(doctors.id, doctorId));
  return offer ?? null;
}
