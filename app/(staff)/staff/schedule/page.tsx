import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { z } from "zod";
import { DayPicker, middayOf } from "@/components/staff/day-picker";
import { DoctorChooser } from "@/components/staff/doctor-chooser";
import { DaySlots } from "@/components/staff/day-slots";
import { ScheduleEditor } from "@/components/staff/schedule-editor";
import { DelayNoticeForm } from "@/components/staff/delay-notice-form";
import { StaffActionForm } from "@/components/staff/staff-action-form";
import { StaffActionCard } from "@/components/staff/staff-action-card";
import { CardSection } from "@/components/ui/card-section";
import { announceDelayAction } from "@/app/actions/announce-delay";
import { closeDayAction } from "@/app/actions/close-day";
import { db } from "@/db/client";
import { requireStaff } from "@/lib/auth/current-user";
import { formatJalaliDate } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { doctorDay, doctorOptions } from "@/lib/staff/doctor-day";
import { SLOT_HORIZON_DAYS, weeklyScheduleOf } from "@/lib/staff/weekly-schedule";
import { tehranDateKey } from "@/lib/time/tehran";
import { closeSlotAction, generateSlotsAction, reopenSlotAction, updateScheduleAction } from "./actions";

const t = messages.staff.schedule;

export const metadata: Metadata = { title: t.title };

const query = z.object({
  doctor: z.uuid().optional().catch(undefined),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined),
});

export default async function StaffSchedulePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireStaff("/staff/schedule");
  const q = query.parse(await searchParams);
  const now = new Date();
  const today = tehranDateKey(now);
  const date = q.date ?? today;
  const doctors = await doctorOptions(db(), user);
  const doctor = doctors.find((d) => d.id === q.doctor);
  const [week, slots] = doctor
    ? await Promise.all([weeklyScheduleOf(db(), user, doctor.id), doctorDay(db(), user, { doctorId: doctor.id, date })])
    : [null, null];

  return (
    <div className="stack">
      <h1>{t.title}</h1>
      <DoctorChooser doctors={doctors} selected={doctor?.id} />

      {doctor && week && slots ? (
        <>
          <section className="stack" aria-labelledby="day-title">
            <h2 id="day-title">{t.dayTitle(formatJalaliDate(middayOf(date)))}</h2>
            <DayPicker basePath="/staff/schedule" date={date} today={today} params={{ doctor: doctor.id }} />
            {slots.some((s) => s.startsAt > now && s.status === "open") ? (
              <StaffActionForm action={closeDayAction} hidden={{ doctorId: doctor.id, date }} submitLabel={t.closeDay} danger />
            ) : null}
            {date === today ? <DelayNoticeForm action={announceDelayAction} doctorId={doctor.id} noticeKey={randomUUID()} /> : null}
            <DaySlots slots={slots} now={now} actions={{ close: closeSlotAction, reopen: reopenSlotAction }} />
          </section>

          <CardSection id="weekly-title" title={`${t.weeklyTitle} — ${doctor.name}`}>
            <ScheduleEditor key={doctor.id} doctorId={doctor.id} initial={week} action={updateScheduleAction} />
          </CardSection>

          <StaffActionCard
            id="generate-title"
            title={t.generateTitle}
            hint={t.generateHint}
            action={generateSlotsAction}
            hidden={{ doctorId: doctor.id }}
            submitLabel={t.generate}
            formClassName="row"
          >
            <div className="field">
              <label htmlFor="days">{t.generateDays}</label>
              <input
                id="days"
                name="days"
                type="number"
                min={1}
                max={60}
                defaultValue={SLOT_HORIZON_DAYS}
                className="input ltr"
                inputMode="numeric"
              />
            </div>
          </StaffActionCard>
        </>
      ) : null}
    </div>
  );
}
