import type { ReactNode } from "react";
import { DataTable } from "@/components/ui/data-table";
import { formatToman } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import type { BusinessCounts, BusinessReport } from "@/lib/staff/business";
import { count, periodLabel } from "./business-format";

const t = messages.staff.business;

const COUNT_COLUMNS = [
  t.tiles.bookings,
  t.tiles.cancelled,
  t.tiles.noShow,
  t.tiles.attendanceRate,
  t.tiles.revenue,
  t.tiles.refunds,
  t.tiles.chatsAnswered,
  t.tiles.chatsExpired,
];

/** One row of either table: what it is about, then the same eight figures. */
function CountsRow({ head, counts, ...data }: { head: ReactNode; counts: BusinessCounts; "data-doctor"?: string; "data-period"?: string }) {
  return (
    <tr {...data}>
      <th scope="row">{head}</th>
      <td data-col="bookings">{count(counts.bookings)}</td>
      <td data-col="cancelled">{count(counts.cancelled)}</td>
      <td data-col="noShow">{count(counts.noShow)}</td>
      <td data-col="attendanceRate">{t.rate(counts.attendanceRate)}</td>
      <td data-col="revenue" className="amount">
        {formatToman(counts.revenueRial)}
      </td>
      <td data-col="refunds" className="amount">
        {formatToman(counts.refundsRial)}
      </td>
      <td data-col="chatsAnswered">{count(counts.chatsAnswered)}</td>
      <td data-col="chatsExpired">{count(counts.chatsExpired)}</td>
    </tr>
  );
}

export function PerDoctorTable({ report }: { report: BusinessReport }) {
  return (
    <section className="stack" aria-labelledby="per-doctor">
      <h2 id="per-doctor">{t.perDoctor}</h2>
      {report.doctors.length === 0 ? (
        <p className="card">{t.none}</p>
      ) : (
        <DataTable columns={[t.csv.doctor, ...COUNT_COLUMNS]} testId="business-doctors">
          {report.doctors.map((d) => (
            <CountsRow key={d.doctorId} data-doctor={d.doctorName} head={d.doctorName} counts={d} />
          ))}
        </DataTable>
      )}
    </section>
  );
}

export function PerPeriodTable({ report }: { report: BusinessReport }) {
  return (
    <section className="stack" aria-labelledby="per-period">
      <h2 id="per-period">{t.perPeriod}</h2>
      <DataTable columns={[report.groupBy === "week" ? t.csv.weekOf : t.csv.day, ...COUNT_COLUMNS]} testId="business-periods">
        {[...report.periods].reverse().map((p) => (
          <CountsRow key={p.period} data-period={p.period} head={periodLabel(p.period, report.groupBy)} counts={p} />
        ))}
      </DataTable>
    </section>
  );
}
