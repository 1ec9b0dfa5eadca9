import { BarChart, type ChartDay, type ChartSeries } from "@/components/staff/bar-chart";
import { middayOf } from "@/components/staff/day-picker";
import { formatJalaliDayMonth } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import type { DayStats } from "@/lib/ops/monitoring";

const t = messages.ops;

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

/** The payments of each day of the period, by result and by the figures that warn of trouble. */
export function PaymentCharts({ days }: { days: DayStats[] }) {
  const single = (key: keyof DayStats, label: string, color: string) => ({
    series: [{ key: String(key), label, color }],
    days: chartDays(days, (day) => ({ [key]: Number(day[key] ?? 0) })),
  });
  return (
    <div className="charts">
      <BarChart
        title={t.charts.byResult}
        series={RESULT_SERIES}
        days={chartDays(days, (d) => ({
          fulfilled: d.fulfilled,
          autoRefunded: d.autoRefunded,
          failed: d.failed,
          abandoned: d.abandoned,
          verifying: d.verifying,
          pending: d.pending,
        }))}
        format={t.count}
        testId="chart-results"
      />
      <BarChart
        title={t.charts.successRate}
        series={[{ key: "successRate", label: t.tiles.successRate, color: "#0f766e" }]}
        days={chartDays(days, (d) => ({ successRate: d.successRate ?? 0 }))}
        max={1}
        format={(v) => t.rate(v)}
      />
      <BarChart title={t.charts.retries} format={t.count} {...single("retries", t.tiles.retries, "#7c3aed")} />
      <BarChart title={t.charts.autoRefunded} format={t.count} {...single("autoRefunded", t.tiles.autoRefunded, "#1d4ed8")} />
      <BarChart title={t.charts.abandoned} format={t.count} {...single("abandoned", t.tiles.abandoned, "#6b7280")} />
      <BarChart title={t.charts.verifying} format={t.count} {...single("verifying", t.tiles.verifying, "#d97706")} />
      <BarChart title={t.charts.intentBytes} format={t.count} {...single("maxIntentBytes", t.tiles.intentBytes, "#0891b2")} />
    </div>
  );
}
