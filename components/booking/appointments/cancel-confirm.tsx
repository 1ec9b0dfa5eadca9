import { CancelReservationForm, type CancelFormState } from "@/components/booking/cancel-reservation-form";
import type { Appointment } from "@/lib/booking/my-appointments";
import type { RefundDecision } from "@/lib/booking/cancellation";
import { formatJalaliDateTime, formatToman, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";

const t = messages.appointments;

export type CancelAction = (state: CancelFormState, formData: FormData) => Promise<CancelFormState>;

/** What the confirm step needs: which visit, what its cancellation gives back under the policy, and the action. */
export type CancelStep = { appointmentId: string; decision: RefundDecision; fullRefundHours: number; action: CancelAction };

/** The confirm step: the policy that applies, said before the patient confirms. */
export function CancelConfirm({ appointment, step }: { appointment: Appointment; step: CancelStep }) {
  const { decision, fullRefundHours: hours } = step;
  const full = decision.rule === "full_refund";
  return (
    <div className="cancel-confirm stack" role="group" aria-labelledby={`cancel-${appointment.id}`}>
      <h3 id={`cancel-${appointment.id}`}>{t.cancelTitle}</h3>
      <p className={full ? "alert info" : "alert warning"} data-testid="cancel-policy" data-rule={decision.rule}>
        {full ? t.cancelFullRefund(formatToman(decision.refundRial), persianNumber(hours)) : t.cancelNoRefund(persianNumber(hours))}
      </p>
      {full ? <p className="hint">{t.refundDeadline(formatJalaliDateTime(decision.deadline))}</p> : null}
      <CancelReservationForm action={step.action} reservationId={appointment.id} expectedRefundRial={decision.refundRial} />
    </div>
  );
}
