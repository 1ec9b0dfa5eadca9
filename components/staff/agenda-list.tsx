import type { AgendaItem } from "@/lib/staff/agenda";
import { formatJalaliDate, formatTime, formatToman, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { tehranDateKey } from "@/lib/time/tehran";
import type { StaffAction } from "./action-state";
import { StaffActionForm } from "./staff-action-form";
import { VisitPersonLine } from "./visit-person-line";

const t = messages.staff.appointments;

export type AgendaActions = { attendance: StaffAction; cancel: StaffAction };

function AgendaEntry({ item, actions, endOfToday }: { item: AgendaItem; actions?: AgendaActions; endOfToday: Date }) {
  const canMark = actions && item.status !== "cancelled" && item.startsAt < endOfToday;
  const canCancel = actions && item.status === "confirmed";
  return (
    <li
      className="card agenda-item"
      data-testid="staff-appointment"
      data-reservation-id={item.reservationId}
      data-slot-id={item.slotId}
      data-doctor-id={item.doctorId}
      data-date={tehranDateKey(item.startsAt)}
    >
      <div className="row agenda-head">
        <strong className="agenda-time">{formatTime(item.startsAt)}</strong>
        <span>{formatJalaliDate(item.startsAt)}</span>
        <span className={`badge status-${item.status}`}>{t.status[item.status]}</span>
      </div>
      <p className="agenda-patient">
        {t.patient}: {item.patientName ?? "—"} · <span dir="ltr">{persianNumber(item.patientPhone)}</span>
      </p>
      <VisitPersonLine person={item} paragraph />
      <p className="muted">
        <span className="amount">{formatToman(item.amountRial)}</span> · {t.paidBy[item.gateway]}
        {item.refId ? ` · ${t.refId(item.refId)}` : ""}
      </p>
      {item.cancelReason ? <p className="muted">{t.cancelReasonShown(item.cancelReason)}</p> : null}
      {item.refundRial !== null ? <p className="refund-note">{t.refundShown(formatToman(item.refundRial))}</p> : null}
      {canMark || canCancel ? (
        <div className="row agenda-actions">
          {canMark ? (
            <>
              <StaffActionForm
                action={actions.attendance}
                hidden={{ reservationId: item.reservationId, attendance: "attended" }}
                submitLabel={t.markAttended}
              />
              <StaffActionForm
                action={actions.attendance}
                hidden={{ reservationId: item.reservationId, attendance: "no_show" }}
                submitLabel={t.markNoShow}
              />
            </>
          ) : null}
          {canCancel ? (
            <details className="cancel-box">
              <summary className="button secondary">{t.cancel}</summary>
              <StaffActionForm action={actions.cancel} hidden={{ reservationId: item.reservationId }} submitLabel={t.cancelConfirm} danger>
                <p>{t.cancelTitle}</p>
                <div className="field">
                  <label htmlFor={`reason-${item.reservationId}`}>{t.cancelReason}</label>
                  <textarea id={`reason-${item.reservationId}`} name="reason" className="input" rows={2} maxLength={500} required />
                </div>
              </StaffActionForm>
            </details>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

/** Appointments grouped by doctor (with the clinic), in time order. Without `actions` it is read-only. */
export function AgendaList({ items, actions, endOfToday }: { items: AgendaItem[]; actions?: AgendaActions; endOfToday: Date }) {
  const groups = new Map<string, AgendaItem[]>();
  for (const item of items) groups.set(item.doctorId, [...(groups.get(item.doctorId) ?? []), item]);
  return (
    <div className="stack">
      {[...groups.values()].map((group) => (
        <section key={group[0]!.doctorId} className="stack" aria-labelledby={`doctor-${group[0]!.doctorId}`}>
          <h2 id={`doctor-${group[0]!.doctorId}`}>
            {group[0]!.doctorName} <span className="muted">· {group[0]!.clinicName}</span>{" "}
            <span className="badge">{t.count(group.length)}</span>
          </h2>
          <ul className="stack agenda-list">
            {group.map((item) => (
              <AgendaEntry key={item.reservationId} item={item} actions={actions} endOfToday={endOfToday} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
