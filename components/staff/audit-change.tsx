import { formatJalaliDate, formatJalaliDateTime, formatToman, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import type { AuditSubject } from "@/lib/audit/audit-subjects";
import { middayOf } from "./day-picker";

const t = messages.staff.audit;
const weekdays = messages.staff.schedule.weekdays;

/** Ids mean nothing to the people reading the trail; the subject column already names who and what. */
const HIDDEN = new Set(["patientId", "slotId", "reservationId", "userId"]);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

const who = (name: string | null, phone: string) => (name ? `${name} (${persianNumber(phone)})` : persianNumber(phone));

export function subjectLabel(subject: AuditSubject): string {
  switch (subject.kind) {
    case "reservation":
      return t.subject.reservation(
        who(subject.patientName, subject.patientPhone),
        subject.doctorName,
        formatJalaliDateTime(subject.startsAt),
      );
    case "slot":
      return t.subject.slot(subject.doctorName, formatJalaliDateTime(subject.startsAt));
    case "doctor":
      return t.subject.doctor(subject.doctorName);
    case "doctor_day":
      return t.subject.doctorDay(subject.doctorName, formatJalaliDate(middayOf(subject.date)));
    case "doctors":
      return subject.names.length ? t.subject.doctors(subject.names.join("، ")) : t.subject.allDoctors;
    case "wallet":
      return t.subject.wallet(who(subject.patientName, subject.patientPhone));
    case "payments":
      return t.subject.payments(subject.olderThanHours === null ? "؟" : persianNumber(subject.olderThanHours));
    case "review":
      return t.subject.review(who(subject.patientName, subject.patientPhone), subject.doctorName);
    case "clinic":
      return t.subject.clinic(subject.clinicName);
    case "staff_member":
      return t.subject.staffMember(who(subject.name, subject.phone));
    case "chat":
      return t.subject.chat(who(subject.patientName, subject.patientPhone), subject.doctorName);
    case "unknown":
      return t.subject.unknown(subject.subjectType);
  }
}

function valueText(key: string, value: unknown): string {
  if (value === null || value === undefined) return t.nothing;
  if (typeof value === "boolean") return value ? t.yes : t.no;
  if (typeof value === "number") return key.endsWith("Rial") ? formatToman(value) : persianNumber(value);
  if (typeof value === "string") {
    if (key === "status") return t.statuses[value] ?? value;
    if (key.endsWith("At") && !Number.isNaN(Date.parse(value))) return formatJalaliDateTime(new Date(value));
    return persianNumber(value);
  }
  if (Array.isArray(value)) {
    if (key === "intervals") {
      if (value.length === 0) return t.noHours;
      return value
        .filter(isRecord)
        .map((i) => t.intervalLine(weekdays[Number(i.weekday)] ?? "", persianNumber(String(i.start)), persianNumber(String(i.end))))
        .join("، ");
    }
    if (key === "refunds") {
      if (value.length === 0) return persianNumber(0);
      return value
        .filter(isRecord)
        .map((r) =>
          t.refundLine(who((r.patientName as string | null) ?? null, String(r.patientPhone ?? "")), formatToman(Number(r.refundRial ?? 0))),
        )
        .join("، ");
    }
    return persianNumber(value.length);
  }
  return persianNumber(JSON.stringify(value));
}

/** One side of a change (before or after) as labelled lines: Toman, Jalali dates, weekday hours, names. */
function ChangeSide({ label, value }: { label: string; value: unknown }) {
  if (value === null || value === undefined) return null;
  const entries = isRecord(value) ? Object.entries(value).filter(([key]) => !HIDDEN.has(key)) : [["", value] as const];
  if (entries.length === 0) return null;
  return (
    <div>
      <strong>{label}</strong>
      <dl className="audit-change">
        {entries.map(([key, v]) => (
          <div key={key} className="contents">
            <dt>{t.fields[key] ?? key}</dt>
            <dd>{valueText(key, v)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

export function AuditChange({ before, after }: { before: unknown; after: unknown }) {
  if ((before === null || before === undefined) && (after === null || after === undefined)) return <>{t.nothing}</>;
  return (
    <div className="stack tight">
      <ChangeSide label={t.before} value={before} />
      <ChangeSide label={t.after} value={after} />
    </div>
  );
}
