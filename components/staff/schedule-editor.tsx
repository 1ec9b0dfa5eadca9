"use client";

import { useActionState, useState } from "react";
import { messages } from "@/lib/i18n/messages";
import { ActionResult } from "./action-result";
import { ClockField } from "./clock-field";
import { idleState, type StaffAction } from "./action-state";
import { ConfirmCancellations } from "./confirm-cancellations";
import { PERSIAN_WEEK, SLOT_LENGTHS } from "./week";

const t = messages.staff.schedule;

const ROWS = 3;

export type EditorInterval = { weekday: number; start: string; end: string; slotMinutes: number };

type Grid = Record<number, { start: string; end: string }[]>;

function gridOf(intervals: EditorInterval[]): Grid {
  const grid: Grid = {};
  for (const weekday of PERSIAN_WEEK) {
    const day = intervals.filter((i) => i.weekday === weekday);
    grid[weekday] = Array.from({ length: ROWS }, (_, k) => ({ start: day[k]?.start ?? "", end: day[k]?.end ?? "" }));
  }
  return grid;
}

/** A doctor's week as inputs the staff can change by touch. Controlled, so what was typed survives the
 * round trip when the server asks to confirm cancelling reservations first. */
export function ScheduleEditor({ doctorId, initial, action }: { doctorId: string; initial: EditorInterval[]; action: StaffAction }) {
  const [state, formAction, pending] = useActionState(action, idleState);
  const [grid, setGrid] = useState<Grid>(() => gridOf(initial));
  const [slotMinutes, setSlotMinutes] = useState(String(initial[0]?.slotMinutes ?? 15));
  const set = (weekday: number, k: number, field: "start" | "end", value: string) =>
    setGrid((g) => ({ ...g, [weekday]: g[weekday]!.map((row, i) => (i === k ? { ...row, [field]: value } : row)) }));

  return (
    <form action={formAction} className="stack schedule-editor" aria-describedby="weekly-hint">
      <input type="hidden" name="doctorId" value={doctorId} />
      <p id="weekly-hint" className="hint">
        {t.weeklyHint}
      </p>
      <div className="field short">
        <label htmlFor="slotMinutes">{t.slotMinutes}</label>
        <select id="slotMinutes" name="slotMinutes" className="input" value={slotMinutes} onChange={(e) => setSlotMinutes(e.target.value)}>
          {SLOT_LENGTHS.map((m) => (
            <option key={m} value={m}>
              {t.minutes(m)}
            </option>
          ))}
        </select>
      </div>
      <div className="week-grid">
        {PERSIAN_WEEK.map((weekday) => {
          const dayName = t.weekdays[weekday]!;
          const rows = grid[weekday]!;
          const off = rows.every((r) => !r.start && !r.end);
          return (
            <fieldset key={weekday} className="week-day" data-weekday={weekday}>
              <legend>
                {dayName} {off ? <span className="muted">({t.closedDay})</span> : null}
              </legend>
              {rows.map((row, k) => (
                <div key={k} className="row interval" role="group" aria-label={t.interval(dayName, k + 1)}>
                  <label className="interval-field">
                    <span>{t.from}</span>
                    <ClockField
                      name={`start-${weekday}-${k}`}
                      value={row.start}
                      onChange={(value) => set(weekday, k, "start", value)}
                      label={`${t.interval(dayName, k + 1)} ${t.from}`}
                    />
                  </label>
                  <label className="interval-field">
                    <span>{t.to}</span>
                    <ClockField
                      name={`end-${weekday}-${k}`}
                      value={row.end}
                      onChange={(value) => set(weekday, k, "end", value)}
                      label={`${t.interval(dayName, k + 1)} ${t.to}`}
                    />
                  </label>
                </div>
              ))}
            </fieldset>
          );
        })}
      </div>
      {state.status === "confirm" ? (
        <ConfirmCancellations booked={state.booked} message={state.message} pending={pending} />
      ) : (
        <button className="button" type="submit" disabled={pending}>
          {t.save}
        </button>
      )}
      <ActionResult state={state} />
    </form>
  );
}
