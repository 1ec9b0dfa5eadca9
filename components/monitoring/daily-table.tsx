import { middayOf } from "@/components/staff/day-picker";
import { DataTable } from "@/components/ui/data-table";
import { formatJalaliDate } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import type { DayStats } from "@/lib/ops/monitoring";

const t = messages.ops;

/** The charts' numbers, one row a day, newest first. */
export function DailyTable({ days }: { days: DayStats[] }) {
  return (
    <section className="stack" aria-labelledby="daily-title">
      <h2 id="daily-title">{t.tableTitle}</h2>
      <DataTable columns={Object.values(t.columns)} testId="daily-table">
        {[...days].reverse().map((d) => (
          <tr key={d.date} data-date={d.date}>
            <th scope="row">{formatJalaliDate(middayOf(d.date))}</th>
            <td data-col="total">{t.count(d.total)}</td>
            <td data-col="fulfilled">{t.count(d.fulfilled)}</td>
            <td data-col="autoRefunded">{t.count(d.autoRefunded)}</td>
            <td data-col="failed">{t.count(d.failed)}</td>
            <td data-col="abandoned">{t.count(d.abandoned)}</td>
            <td data-col="verifying">{t.count(d.verifying)}</td>
            <td data-col="retries">{t.count(d.retries)}</td>
            <td data-col="successRate">{t.rate(d.successRate)}</td>
            <td data-col="intentBytes">{d.maxIntentBytes === null ? t.noData : t.count(d.maxIntentBytes)}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
