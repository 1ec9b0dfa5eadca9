import type { PersonChoice } from "@/components/patients/person-choice";
import type { FormState } from "@/components/payments/form-state";
import { PayButtons } from "@/components/payments/pay-buttons";
import type { ReservationCheckoutView } from "@/lib/checkout/checkout-view";
import { formatToman } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { CheckoutSummary } from "./checkout-summary";

const t = messages.payment;
const c = messages.patient.checkout;

export type PayForSlotAction = (state: FormState, formData: FormData) => Promise<FormState>;

/** A free slot: what is bought, for whom, the cancellation policy, and the two ways to pay. */
export function SlotCheckout({
  view,
  person,
  pay,
  cancelFullRefundHours,
}: {
  view: ReservationCheckoutView;
  person: PersonChoice;
  pay: PayForSlotAction;
  cancelFullRefundHours: number;
}) {
  const missingRial = view.feeRial - view.walletBalanceRial;
  return (
    <div className="card stack checkout">
      <h1>{t.checkoutTitle}</h1>
      <CheckoutSummary view={view} price />
      <section className="stack" aria-labelledby="pay-heading">
        <h2 id="pay-heading">{c.howToPay}</h2>
        <p className="hint" data-testid="cancel-policy">
          {t.policy(cancelFullRefundHours)}
        </p>
        <PayButtons
          action={pay}
          hidden={{ slotId: view.slotId }}
          person={person}
          walletHint={missingRial > 0 ? c.walletShort(formatToman(missingRial)) : c.walletEnough}
        />
        <p className="hint">{t.noRecordBeforePayment}</p>
      </section>
    </div>
  );
}
