import { formatJalaliDateTime, formatToman, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import type { PaymentRow } from "@/lib/staff/payment-attempts";
import { visitForText } from "@/lib/patients/visit-for-text";

const t = messages.staff.payments;

function paidFor(row: PaymentRow): string {
  if (row.purpose === "topup") return t.topup;
  if (row.purpose === "chat") return t.chatWith(row.doctorName ?? "—");
  if (row.purpose === "reschedule")
    return t.rescheduleWith(row.doctorName ?? "—", row.slotStartsAt ? formatJalaliDateTime(row.slotStartsAt) : "—");
  return t.visitWith(row.doctorName ?? "—", row.slotStartsAt ? formatJalaliDateTime(row.slotStartsAt) : "—");
}

/** What came of the attempt: the record it made, a refund, the gateway's error code, how long verify took. */
function outcomeLine(row: PaymentRow): string {
  const lines: string[] = [];
  if (row.reservationStatus)
    lines.push(
      t.reservationState(messages.staff.appointments.status[row.reservationStatus as keyof typeof messages.staff.appointments.status]),
    );
  if (row.chatRequestId) lines.push(t.chatCreated);
  if (row.autoRefundRial !== null) lines.push(t.refunded(formatToman(row.autoRefundRial)));
  if (row.lastErrorCode !== null) lines.push(t.errorCode(row.lastErrorCode));
  if (row.verifyMs !== null) lines.push(t.verifyMs(row.verifyMs));
  return lines.join(" · ");
}

/** One payment attempt of the staff list: when and who, what for, amount and status, gateway and retry. */
export function PaymentAttemptRow({ row }: { row: PaymentRow }) {
  return (
    <tr data-testid="payment-row" data-status={row.status}>
      <td>
        {formatJalaliDateTime(row.createdAt)}
        <br />
        {row.patientName ?? "—"}{" "}
        <span dir="ltr" className="muted">
          {persianNumber(row.patientPhone)}
        </span>
        {visitForText(row) ? <div data-testid="visit-for">{visitForText(row)}</div> : null}
      </td>
      <td className="wrap">{paidFor(row)}</td>
      <td className="wrap">
        <span className="amount">{formatToman(row.amountRial)}</span>{" "}
        <span className={`badge payment-${row.status}`}>{t.statuses[row.status]}</span>
        {row.outcome ? <div>{t.outcomes[row.outcome]}</div> : null}
        <div className="muted">{outcomeLine(row)}</div>
      </td>
      <td>
        {t.gateways[row.gateway]} · <span className="muted">{row.refId ? persianNumber(row.refId) : t.noGatewayRef}</span>
        <br />
        {row.retryNumber === 0 ? t.firstTry : t.retryNumber(row.retryNumber)}
      </td>
    </tr>
  );
}
