import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { chatRequests, doctors, type ChatTarget } from "@/db/schema";
import { messages } from "@/lib/i18n/messages";
import { notifyChatQuestion, notifyChatUnavailableRefund } from "@/lib/notifications/events";
import { memberBelongsTo } from "@/lib/patients/family";
import type { Product } from "@/lib/payments/product";
import { err, ok } from "@/lib/shared/result";
import { log } from "@/lib/shared/log";

async function chatDoctor(db: Db, doctorId: string) {
  const [doctor] = await db
    .select({ name: doctors.name, takesChat: doctors.takesChat, feeRial: doctors.chatFeeRial, answerHours: doctors.chatAnswerHours })
    .from(doctors)
    .where(eq(doctors.id, doctorId));
  return doctor;
}

/** A paid chat consultation: the request exists only once its payment is verified. */
export const chatProduct: Product<ChatTarget> = {
  async price(db, target) {
    const doctor = await chatDoctor(db, target.doctorId);
    if (!doctor) return err({ code: "doctor_not_found" });
    if (!doctor.takesChat) return err({ code: "chat_not_offered", doctorId: target.doctorId });
    return ok({ amountRial: doctor.feeRial, description: messages.payment.chatDescription(doctor.name) });
  },

  async fulfil(tx, attempt, now) {
    const doctor = await chatDoctor(tx, attempt.target.doctorId);
    if (!doctor?.takesChat) {
      await notifyChatUnavailableRefund(tx, { userId: attempt.userId, attemptId: attempt.id, amountRial: attempt.amountRial });
      return "unavailable";
    }
    const familyMemberId = attempt.target.familyMemberId ?? null;
    if (familyMemberId && !(await memberBelongsTo(tx, attempt.userId, familyMemberId))) {
      log.warn(`[chat] attempt ${attempt.id} names family member ${familyMemberId} who is not user ${attempt.userId}'s: not booked`);
      return "unavailable";
    }
    const [created] = await tx
      .insert(chatRequests)
      .values({
        patientId: attempt.userId,
        doctorId: attempt.target.doctorId,
        paymentAttemptId: attempt.id,
        familyMemberId,
        question: attempt.target.question,
        amountRial: attempt.amountRial,
        answerDeadline: new Date(now.getTime() + doctor.answerHours * 3_600_000),
      })
      .returning({ id: chatRequests.id });
    await notifyChatQuestion(tx, created!.id);
    return "fulfilled";
  },
};
