import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { BarChart, type ChartDay, type ChartSeries } from "@/components/staff/bar-chart";
import { middayOf } from "@/components/staff/day-picker";
import { JobQueuePanel } from "@/components/staff/job-queue-panel";
import { StaffActionForm } from "@/components/staff/staff-action-form";
import { db } from "@/db/client";
import { requireStaff } from "@/lib/auth/current-user";
import { formatJalaliDate, formatJalaliDayMonth, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { failingJobs, jobCounts, notificationCounts } from "@/lib/ops/job-stats";
import { MONITORING_PERIODS, paymentMonitoring, type DayStats, type MonitoringPeriod } from "@/lib/ops/monitoring";
import { runCleanupAction } from "./actions";

const t = messages.ops;

export const metadata: Metadata = { title: t.monitoringTitle };

const query = z.object({ period: z.coerce.number().pipe(z.union([z.literal(7), z.literal(30)])).catch(7) });

const RESULT_SERIES: ChartSeries[] = [
  { key: "fulfilled", label: t.results.fulfilled, color: "#146c2e" },
  { key: "autoRefunded", label: t.results.autoRefunded, color: "#1d4ed8" },
  { key: "failed", label: t.results.failed, color: "#b42318" },
  { key: "abandoned", label: t.results.abandoned, color: "#6b7280" },
  { key: "verifying", label: t.results.verifying, color: "#d97706" },
  { key: "pending", label: t.results.pending, color: "#cbd5e1" },
];

function chartDays(days: DayStats[], pick: (day: DayStats) => Record<string, number>): ChartDay[] {
  return days.map((day) => ({ date: day.date, label: formatJalaliDayMonth(middayOf(day.date)), values: pick(day) }));
}

export default async function MonitoringPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireStaff("/staff/monitoring", "clinic_admin");
  const period = query.parse(await searchParams).period as MonitoringPeriod;
  const m = await paymentMonitoring(db(), user, period);
  const [jobs, sent, failing] = await Promise.all([jobCounts(db()), notificationCounts(db()), failingJobs(db(), user)]);
  const totals = m.totals;
  const single = (key: keyof DayStats, label: string, color: string) => ({
    series: [{ key: String(key), label, color }],
    days: chartDays(m.days, (day) => ({ [key]: Number(day[key] ?? 0) })),
  });
  const tiles = [
    { key: "total", label: t.tiles.total, value: t.count(totals.total) },
    { key: "successRate", label: t.tiles.successRate, value: t.rate(totals.successRate) },
    { key: "retries", label: t.tiles.retries, value: t.count(totals.retries) },
    { key: "autoRefunded", label: t.tiles.autoRefunded, value: t.count(totals.autoRefunded) },
    { key: "abandoned", label: t.tiles.abandoned, value: t.count(totals.abandoned) },
    { key: "failed", label: t.tiles.failed, value: t.count(totals.failed) },
    { key: "verifyingNow", label: t.verifyingNow, value: t.count(m.verifyingNow) },
    { key: "intentBytes", label: t.tiles.intentBytes, value: t.bytes(totals.avgIntentBytes, totals.maxIntentBytes) },
    { key: "verifyMs", label: t.tiles.verifyMs, value: t.ms(totals.avgVerifyMs) },
  ];
  const ghosts = m.ghosts;
  const ghostAlarm = (ghosts?.total ?? 0) > 0;

  return (
    <div className="stack">
      <h1>{t.monitoringTitle}</h1>
      <nav aria-label={t.period} className="row">
        {MONITORING_PERIODS.map((p) => (
          <Link key={p} href={`/staff/monitoring?period=${p}`} className={p === period ? "button" : "button secondary"} aria-current={p === period ? "page" : undefined}>
            {t.periods[p]}
          </Link>
        ))}
      </nav>

      {ghosts ? (
        <section className={ghostAlarm ? "card ghost alarm" : "card ghost ok"} aria-labelledby="ghost-title" data-testid="ghost-records">
          <h2 id="ghost-title">{t.ghostTitle}</h2>
          <p className="ghost-count" data-value={ghosts.total}>
            <strong>{persianNumber(ghosts.total)}</strong> — {ghostAlarm ? t.ghostBad : t.ghostOk}
          </p>
          <p className="hint">{t.ghostHint}</p>
          {ghostAlarm ? (
            <>
              <p>{t.ghostCount(ghosts.reservations, ghosts.chatRequests)}</p>
              <ul dir="ltr">
                {ghosts.sample.map((g) => (
                  <li key={g.id}>
                    {g.kind} {g.id}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

      <JobQueuePanel jobs={jobs} notifications={sent} failing={failing} />

      <ul className="tiles">
        {tiles.map((tile) => (
          <li key={tile.key} className="card tile" data-testid={`total-${tile.key}`}>
            <span className="muted">{tile.label}</span>
            <strong>{tile.value}</strong>
          </li>
        ))}
      </ul>

      <div className="charts">
        <BarChart
          title={t.charts.byResult}
          series={RESULT_SERIES}
          days={chartDays(m.days, (d) => ({ fulfilled: d.fulfilled, autoRefunded: d.autoRefunded, failed: d.failed, abandoned: d.abandoned, verifying: d.verifying, pending: d.pending }))}
          format={t.count}
          testId="chart-results"
        />
        <BarChart
          title={t.charts.successRate}
          series={[{ key: "successRate", label: t.tiles.successRate, color: "#0f766e" }]}
          days={chartDays(m.days, (d) => ({ successRate: d.successRate ?? 0 }))}
          max={1}
          format={(v) => t.rate(v)}
        />
        <BarChart title={t.charts.retries} format={t.count} {...single("retries", t.tiles.retries, "#7c3aed")} />
        <BarChart title={t.charts.autoRefunded} format={t.count} {...single("autoRefunded", t.tiles.autoRefunded, "#1d4ed8")} />
        <BarChart title={t.charts.abandoned} format={t.count} {...single("abandoned", t.tiles.abandoned, "#6b7280")} />
        <BarChart title={t.charts.verifying} format={t.count} {...single("verifying", t.tiles.verifying, "#d97706")} />
        <BarChart title={t.charts.intentBytes} format={t.count} {...single("maxIntentBytes", t.tiles.intentBytes, "#0891b2")} />
      </div>

      <section className="stack" aria-labelledby="daily-title">
        <h2 id="daily-title">{t.tableTitle}</h2>
        <div className="table-wrap card">
          <table className="data" data-testid="daily-table">
            <thead>
              <tr>
                {Object.values(t.columns).map((label) => (
                  <th key={label} scope="col">
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...m.days].reverse().map((d) => (
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
            </tbody>
          </table>
        </div>
      </section>

      {user.role === "admin" ? (
        <section className="card stack" aria-labelledby="cleanup-title">
          <h2 id="cleanup-title">{t.cleanupTitle}</h2>
          <p className="hint">{t.cleanupHint}</p>
          <StaffActionForm action={runCleanupAction} submitLabel={t.cleanupRun}>
            <div className="row">
              <div className="field">
                <label htmlFor="cleanup-hours">{t.cleanupHours}</label>
                <input id="cleanup-hours" name="hours" className="input ltr" inputMode="decimal" defaultValue="2" required />
              </div>
              <label className="choice">
                <input type="checkbox" name="dryRun" value="1" />
                {t.cleanupDryRun}
              </label>
            </div>
          </StaffActionForm>
        </section>
      ) : null}
    </div>
  );
}
