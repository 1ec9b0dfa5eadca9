import Link from "next/link";
import type { ComponentProps } from "react";
import { PayButtons } from "@/components/payments/pay-buttons";
import type { RescheduleQuote } from "@/lib/booking/reschedule";
import { formatJalaliDateTime, formatToman } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { RescheduleConfirmForm } from "./reschedule-confirm-form";

const t = messages.appointments;

/** The confirm step of changing a visit's time: the new time and what it costs, said before the patient
 * confirms. A higher fee is a purchase of its own (pay buttons, the wallet's balance beside them); the same or a
 * lower fee moves the visit with one confirm. */
export function RescheduleConfirm({
  quote,
  walletBalanceRial,
  payAction,
  moveAction,
}: {
  quote: RescheduleQuote;
  /** The patient's wallet balance; read only when the move costs more. */
  walletBalanceRial: number | null;
  payAction: ComponentProps<typeof PayButtons>["action"];
  moveAction: ComponentProps<typeof RescheduleConfirmForm>["action"];
}) {
  const hidden = { reservationId: quote.reservationId, fromSlotId: quote.fromSlotId, slotId: quote.toSlotId };
  const otherTimeHref = `/appointments/${quote.reservationId}/reschedule`;
  const difference = quote.differenceRial;
  return (
    <section className="card stack" aria-labelledby="confirm-heading" data-testid="reschedule-confirm">
      <h2 id="confirm-heading">{t.confirmTitle}</h2>
      <p>{t.fromTo(formatJalaliDateTime(quote.fromStartsAt), formatJalaliDateTime(quote.toStartsAt))}</p>
      {difference === 0 ? <p className="alert info">{t.sameFee}</p> : null}
      {difference < 0 ? <p className="alert info">{t.lowerFee(formatToman(-difference))}</p> : null}
      {difference > 0 ? (
        <>
          <p className="alert warning">{t.higherFee(formatToman(difference))}</p>
          <PayButtons
            action={payAction}
            hidden={hidden}
            walletHint={`${messages.payment.walletBalance}: ${formatToman(walletBalanceRial ?? 0)}`}
          />
          <Link href={otherTimeHref}>{t.otherTime}</Link>
        </>
      ) : (
        <RescheduleConfirmForm
          action={moveAction}
          hidden={{ ...hidden, expectedDifferenceRial: String(difference) }}
          otherTimeHref={otherTimeHref}
        />
      )}
    </section>
  );
}
