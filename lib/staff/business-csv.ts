import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { messages } from "@/lib/i18n/messages";
import { rialToToman } from "@/lib/i18n/format";
import { TEHRAN, tehranInstant } from "@/lib/time/tehran";
import { businessClinics, businessReport, type BusinessCounts, type BusinessReport } from "./business";
import type { parseBusinessQuery } from "./business-query";

const t = messages.staff.business;

/** Jalali dates with Latin digits (1405/09/09): Excel sorts and filters them as text in calendar order. */
const jalali = new Intl.DateTimeFormat("fa-IR-u-ca-persian-nu-latn", {
  timeZone: TEHRAN,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
export const jalaliCsvDate = (dateKey: string) => jalali.format(tehranInstant(dateKey, "12:00"));

function field(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const counts = (c: BusinessCounts) => [
  c.bookings,
  c.cancelled,
  c.attended,
  c.noShow,
  c.attendanceRate === null ? "" : Math.round(c.attendanceRate * 100),
  rialToToman(c.revenueRial),
  rialToToman(c.refundsRial),
  c.chatsAnswered,
  c.chatsExpired,
];

/** The report as a CSV Excel opens correctly: a UTF-8 byte-order mark (else Excel reads Persian as mojibake),
 * CRLF lines, Jalali dates, amounts in whole Toman as plain numbers; one block per period, one per doctor. */
export function businessCsv(report: BusinessReport, clinicName: string | null): string {
  const header = [
    t.csv.bookings,
    t.csv.cancelled,
    t.csv.attended,
    t.csv.noShow,
    t.csv.attendanceRate,
    t.csv.revenue,
    t.csv.refunds,
    t.csv.chatsAnswered,
    t.csv.chatsExpired,
  ];
  const lines: (string | number)[][] = [
    [t.csv.title, clinicName ?? t.allClinics, `${jalaliCsvDate(report.from)} - ${jalaliCsvDate(report.to)}`],
    [],
    [report.groupBy === "week" ? t.csv.weekOf : t.csv.day, ...header],
    ...report.periods.map((p) => [jalaliCsvDate(p.period), ...counts(p)]),
    [t.csv.total, ...counts(report.totals)],
    [],
    [t.csv.doctor, ...header],
    ...report.doctors.map((d) => [d.doctorName, ...counts(d)]),
  ];
  return `\uFEFF${lines.map((line) => line.map(field).join(",")).join("\r\n")}\r\n`;
}

/** The CSV export of /staff/business/export for the caller: the same report the page shows (clinic admins their
 * clinics, the platform admin any; others refused by businessReport), named by the clinic it was narrowed to. */
export async function businessExport(
  db: Db,
  actor: Actor | null,
  query: ReturnType<typeof parseBusinessQuery>,
): Promise<{ fileName: string; csv: string }> {
  const report = await businessReport(db, actor, query);
  const clinicName = report.clinicId ? ((await businessClinics(db, actor)).find((c) => c.id === report.clinicId)?.name ?? null) : null;
  return { fileName: `drturn-business-${report.from}-${report.to}.csv`, csv: businessCsv(report, clinicName) };
}
