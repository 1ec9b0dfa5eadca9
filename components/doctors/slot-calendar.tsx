"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { LinkPending } from "@/components/ui/link-pending";
import type { SlotDaysJson } from "@/lib/directory/doctor-slots";
import { formatJalaliDate, formatJalaliDayMonth, formatTime, formatWeekday } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { tehranInstant } from "@/lib/time/tehran";

const t = messages.directory.slots;

async function fetchSlots(doctorId: string): Promise<SlotDaysJson> {
  const response = await fetch(`/api/doctors/${doctorId}/slots`, { cache: "no-store" });
  if (!response.ok) throw new Error(`GET slots answered ${response.status}`);
  return (await response.json()) as SlotDaysJson;
}

// Noon rather than midnight: an instant safely inside the Tehran day, whatever the formatter does with offsets.
const middayOf = (date: string) => tehranInstant(date, "12:00");

/** The doctor's free slots, one Tehran day at a time. Slots are taken by other patients all the time, so they are
 * fetched again whenever the patient comes back to the tab. The list starts at today (the service's contract). */
export function SlotCalendar({
  doctorId,
  initialData,
  slotHref = "/book/",
}: {
  doctorId: string;
  initialData: SlotDaysJson;
  /** Where a slot leads: its id is appended (the checkout by default; the reschedule page passes its own). */
  slotHref?: string;
}) {
  const { data, isFetching, isError, refetch } = useQuery({
    queryKey: ["doctor-slots", doctorId],
    queryFn: () => fetchSlots(doctorId),
    initialData,
    // The server has just rendered these: no second request on mount, but one on every return to the tab.
    staleTime: 30_000,
    refetchOnWindowFocus: "always",
  });
  const [chosenDate, setChosenDate] = useState<string | null>(null);
  const { days } = data;
  const day = days.find((d) => d.date === chosenDate) ?? days.find((d) => d.slots.length > 0) ?? days[0];

  return (
    <div className="stack">
      {isError ? (
        <div className="alert warning row" role="alert">
          <span>{t.loadError}</span>
          <button type="button" className="button secondary" onClick={() => refetch()}>
            {t.retry}
          </button>
        </div>
      ) : null}
      {!day || days.every((d) => d.slots.length === 0) ? (
        <p className="card">{t.noneAtAll}</p>
      ) : (
        <>
          <div className="day-strip" role="group" aria-label={t.daysLabel}>
            {days.map((d, index) => (
              <button
                key={d.date}
                type="button"
                className="day-button"
                aria-pressed={d.date === day.date}
                aria-controls="day-slots"
                data-empty={d.slots.length === 0 ? "" : undefined}
                onClick={() => setChosenDate(d.date)}
              >
                <span className="day-name">{index === 0 ? t.today : index === 1 ? t.tomorrow : formatWeekday(middayOf(d.date))}</span>
                <span>{formatJalaliDayMonth(middayOf(d.date))}</span>
                <span className="day-count">{t.dayCount(d.slots.length)}</span>
              </button>
            ))}
          </div>
          <div id="day-slots" className="card stack">
            <div className="slot-panel-head">
              <h3>{formatJalaliDate(middayOf(day.date))}</h3>
              <span className="muted" role="status">
                {isFetching ? t.refreshing : ""}
              </span>
            </div>
            {day.slots.length > 0 ? (
              <ul className="slot-grid">
                {day.slots.map((slot) => {
                  const time = formatTime(new Date(slot.startsAt));
                  return (
                    <li key={slot.id}>
                      <Link
                        href={`${slotHref}${slot.id}`}
                        // Dozens of links into a dynamic checkout page: prefetching them all would only load the server.
                        prefetch={false}
                        className="slot-link"
                        aria-label={t.slotLabel(time, formatJalaliDate(middayOf(day.date)))}
                      >
                        {time}
                        <LinkPending />
                      </Link>
                    </li>
                  );
                })}
              </ul>
            ) : (
              <p className="muted">{t.dayEmpty}</p>
            )}
          </div>
        </>
      )}
      <p className="hint">{t.hint}</p>
    </div>
  );
}
