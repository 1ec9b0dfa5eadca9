import { eq } from "drizzle-orm";
import { doctors, timeSlots, type RescheduleTarget } from "@/db/schema";
import { formatJalaliDateTime } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { notifySlotTakenRefund } from "@/lib/notifications/events";
import type { Product } from "@/lib/payments/product";
import { err, ok } from "@/lib/shared/result";
import type { CancelPolicy } from "./cancellation";
import { moveForPaidDifference, rescheduleDifference } from "./reschedule";
import { log } from "@/lib/shared/log";

/** Paying the difference of a move to a dearer time (issue 13 §2). Priced from the database as the new fee
 * minus what the reservation holds; fulfilled under the engine's lock on the attempt by moving the
 * reservation — or, when the move can no longer be made (the slot went to someone else, the reservation was
 * cancelled or moved meanwhile), "unavailable", and the engine refunds the difference to the wallet. */
export function rescheduleProduct(policy: CancelPolicy): Product<RescheduleTarget> {
  return {
    async price(db, target, now) {
      const quote = await rescheduleDifference(db, target, { ...policy, now });
      if (!quote.ok) return err({ code: "reschedule_refused", reason: quote.error.code });
      const [doctor] = await db.select({ name: doctors.name }).from(doctors).where(eq(doctors.id, quote.value.doctorId));
      return ok({
        amountRial: quote.value.differenceRial,
        description: messages.payment.rescheduleDescription(doctor?.name ?? "", formatJalaliDateTime(quote.value.toStartsAt)),
      });
    },

    async fulfil(tx, attempt, now) {
      const moved = await moveForPaidDifference(tx, attempt, { ...policy, now });
      if (moved.ok) return "fulfilled";
      log.warn(`[booking] reschedule attempt ${attempt.id} not fulfilled (${moved.error.code}): refunded to the wallet`);
      // The target slot's doctor: the refund message links to their other free times.
      const [slot] = await tx.select({ doctorId: timeSlots.doctorId }).from(timeSlots).where(eq(timeSlots.id, attempt.target.slotId));
      await notifySlotTakenRefund(tx, {
        userId: attempt.userId,
        attemptId: attempt.id,
        amountRial: attempt.amountRial,
        doctorId: slot?.doctorId ?? null,
      });
      return "unavailable";
    },
  };
}
