import type { Metadata } from "next";
import { z } from "zod";
import { DayPicker, middayOf } from "@/components/staff/day-picker";
import { DaySlots } from "@/components/staff/day-slots";
import { WeeklyHours } from "@/components/staff/weekly-hours";
import { db } from "@/db/client";
import { requireRole } from "@/lib/auth/current-user";
import { formatJalaliDate } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { ownDoctorId } from "@/lib/staff/doctor-access";
import { doctorDay } from "@/lib/staff/doctor-day";
import { weeklyScheduleOf } from "@/lib/staff/weekly-schedule";
import { tehranDateKey } from "@/lib/time/tehran";

const t = messages.staff;

export const metadata: Metadata = { title: t.doctor.schedule };

const query = z.object({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined),
});

export default async function DoctorSchedulePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireRole(["doctor"], "/doctor/schedule");
  const doctorId = await ownDoctorId(db(), user);
  if (!doctorId) {
    return (
      <div className="stack">
        <h1>{t.doctor.schedule}</h1>
        <p className="alert warning">{t.doctor.notLinked}</p>
      </div>
    );
  }
  const now = new Date();
  const today = tehranDateKey(now);
  const date = query.parse(await searchParams).date ?? today;
  const [week, slots] = await Promise.all([weeklyScheduleOf(db(), user, doctorId), doctorDay(db(), user, { doctorId, date })]);
  return (
    <div className="stack">
      <h1>{t.doctor.schedule}</h1>
      <p className="muted">{t.doctor.scheduleReadOnly}</p>
      <section className="card stack" aria-labelledby="hours-title">
        <h2 id="hours-title">{t.schedule.weeklyTitle}</h2>
        <WeeklyHours week={week ?? []} />
      </section>
      <section className="stack" aria-labelledby="day-title">
        <h2 id="day-title">{t.schedule.dayTitle(formatJalaliDate(middayOf(date)))}</h2>
        <DayPicker basePath="/doctor/schedule" date={date} today={today} pastDays={7} futureDays={30} />
        <DaySlots slots={slots ?? []} now={now} />
      </section>
    </div>
  );
}
