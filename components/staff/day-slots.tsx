import { formatTime, formatToman, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import type { DaySlot } from "@/lib/staff/doctor-day";
import type { StaffAction } from "./action-state";
import { StaffActionForm } from "./staff-action-form";
import { VisitPersonLine } from "./visit-person-line";

const t = messages.staff;

export type SlotActions = { close: StaffAction; reopen: StaffAction };

/** One doctor's day, slot by slot. With `actions`, future slots can be closed (a booked one after the
 * cancel-and-refund confirmation) and closed ones reopened. */
export function DaySlots({ slots, now, actions }: { slots: DaySlot[]; now: Date; actions?: SlotActions }) {
  if (slots.length === 0) return <p className="card">{t.schedule.noSlots}</p>;
  return (
    <ul className="stack slot-rows">
      {slots.map((slot) => {
        const future = slot.startsAt > now;
        return (
          <li key={slot.slotId} className={`card slot-row slot-${slot.status}`} data-testid="day-slot" data-slot-id={slot.slotId}>
            <div className="row">
              <strong className="agenda-time">
                {formatTime(slot.startsAt)}–{formatTime(slot.endsAt)}
              </strong>
              <span className={slot.status === "open" ? "badge" : "badge closed"}>
                {slot.status === "open" ? t.schedule.open : t.schedule.closed}
              </span>
              {slot.reservation ? (
                <>
                  <span>
                    {slot.reservation.patientName ?? "—"} · <span dir="ltr">{persianNumber(slot.reservation.patientPhone)}</span> ·{" "}
                    <span className="badge">{t.appointments.status[slot.reservation.status]}</span> ·{" "}
                    {formatToman(slot.reservation.amountRial)}
                  </span>
                  <VisitPersonLine person={slot.reservation} />
                </>
              ) : (
                <span className="muted">{t.schedule.free}</span>
              )}
            </div>
            {actions && future ? (
              slot.status === "open" ? (
                <StaffActionForm action={actions.close} hidden={{ slotId: slot.slotId }} submitLabel={t.schedule.closeSlot} danger />
              ) : (
                <StaffActionForm action={actions.reopen} hidden={{ slotId: slot.slotId }} submitLabel={t.schedule.reopenSlot} />
              )
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
