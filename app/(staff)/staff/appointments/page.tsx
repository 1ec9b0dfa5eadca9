import type { Metadata } from "next";
import { z } from "zod";
import { AgendaList } from "@/components/staff/agenda-list";
import { DayPicker } from "@/components/staff/day-picker";
import { FilterForm } from "@/components/staff/filter-form";
import { SelectField } from "@/components/ui/select-field";
import { db } from "@/db/client";
import { requireStaff } from "@/lib/auth/current-user";
import { messages } from "@/lib/i18n/messages";
import { stripUnsafeChars } from "@/lib/shared/client-text";
import { clinicAgenda } from "@/lib/staff/agenda";
import { doctorOptions } from "@/lib/staff/doctor-day";
import { addDays, tehranDateKey, tehranInstant } from "@/lib/time/tehran";
import { cancelReservationAction, markAttendanceAction } from "./actions";

const t = messages.staff.appointments;

export const metadata: Metadata = { title: t.title };

const dateKey = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const filters = z.object({
  range: z.enum(["day", "upcoming"]).catch("upcoming"),
  date: dateKey.optional().catch(undefined),
  doctor: z.uuid().optional().catch(undefined),
  clinic: z.uuid().optional().catch(undefined),
  q: z.string().trim().max(64).transform(stripUnsafeChars).optional().catch(undefined),
  hideCancelled: z.literal("1").optional().catch(undefined),
});

export default async function StaffAppointmentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireStaff("/staff/appointments");
  const f = filters.parse(await searchParams);
  const now = new Date();
  const today = tehranDateKey(now);
  const date = f.date ?? today;
  const from = f.range === "day" ? tehranInstant(date, "00:00") : tehranInstant(today, "00:00");
  const to = f.range === "day" ? tehranInstant(addDays(date, 1), "00:00") : tehranInstant(addDays(today, 8), "00:00");
  const [items, doctors] = await Promise.all([
    clinicAgenda(db(), user, { from, to, doctorId: f.doctor, clinicId: f.clinic, query: f.q, hideCancelled: Boolean(f.hideCancelled) }),
    doctorOptions(db(), user),
  ]);
  const clinics = [...new Map(doctors.map((d) => [d.clinicId, d.clinicName])).entries()];
  const keep = { range: f.range, doctor: f.doctor, clinic: f.clinic, q: f.q, hideCancelled: f.hideCancelled };

  return (
    <div className="stack">
      <h1>{t.title}</h1>
      <FilterForm applyLabel={t.apply} label={t.filters} layout="grid">
        <SelectField
          name="range"
          label={t.range}
          value={f.range}
          options={[
            ["upcoming", t.ranges.upcoming],
            ["day", t.ranges.day],
          ]}
        />
        {f.range === "day" ? <input type="hidden" name="date" value={date} /> : null}
        <SelectField name="clinic" label={t.clinic} value={f.clinic} anyLabel={t.all} options={clinics} />
        <SelectField
          name="doctor"
          label={t.doctor}
          value={f.doctor}
          anyLabel={t.all}
          options={doctors.map((d) => [d.id, `${d.name} — ${d.clinicName}`] as const)}
        />
        <div className="field">
          <label htmlFor="q">{t.search}</label>
          <input id="q" name="q" type="search" className="input" placeholder={t.searchPlaceholder} defaultValue={f.q ?? ""} />
        </div>
        <label className="choice">
          <input type="checkbox" name="hideCancelled" value="1" defaultChecked={Boolean(f.hideCancelled)} />
          {t.hideCancelled}
        </label>
      </FilterForm>
      {f.range === "day" ? <DayPicker basePath="/staff/appointments" date={date} today={today} params={keep} /> : null}
      <p className="muted" role="status">
        {t.count(items.length)}
      </p>
      {items.length === 0 ? (
        <p className="card">{t.none}</p>
      ) : (
        <AgendaList
          items={items}
          actions={{ attendance: markAttendanceAction, cancel: cancelReservationAction }}
          endOfToday={tehranInstant(addDays(today, 1), "00:00")}
        />
      )}
    </div>
  );
}
