import { BarChart, type ChartSeries } from "@/components/staff/bar-chart";
import { formatToman } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import type { BusinessCounts, BusinessReport } from "@/lib/staff/business";
import { count, periodLabel } from "./business-format";

const t = messages.staff.business;

const VISIT_SERIES: ChartSeries[] = [
  { key: "attended", label: t.series.attended, color: "#0f766e" },
  { key: "noShow", label: t.series.noShow, color: "#d97706" },
  { key: "cancelled", label: t.series.cancelled, color: "#b42318" },
  { key: "upcoming", label: t.series.upcoming, color: "#1d4ed8" },
];
const CHAT_SERIES: ChartSeries[] = [
  { key: "answered", label: t.series.answered, color: "#7c3aed" },
  { key: "expired", label: t.series.expired, color: "#6b7280" },
];

/** Visits by outcome, revenue and chats, one bar a day or week of the range. */
export function BusinessCharts({ report }: { report: BusinessReport }) {
  const chartDays = (pick: (c: BusinessCounts) => Record<string, number>) =>
    report.periods.map((p) => ({ date: p.period, label: periodLabel(p.period, report.groupBy, true), values: pick(p) }));
  return (
    <div className="charts">
      <BarChart
        title={t.charts.visits}
        testId="chart-visits"
        format={count}
        series={VISIT_SERIES}
        days={chartDays((c) => ({
          attended: c.attended,
          noShow: c.noShow,
          cancelled: c.cancelled,
          upcoming: c.bookings - c.attended - c.noShow - c.cancelled,
        }))}
      />
      <BarChart
        title={t.charts.revenue}
        testId="chart-revenue"
        format={(rial) => formatToman(Math.round(rial))}
        series={[{ key: "revenue", label: t.series.revenue, color: "#0f766e" }]}
        days={chartDays((c) => ({ revenue: c.revenueRial }))}
      />
      <BarChart
        title={t.charts.chats}
        testId="chart-chats"
        format={count}
        series={CHAT_SERIES}
        days={chartDays((c) => ({ answered: c.chatsAnswered, expired: c.chatsExpired }))}
      />
    </div>
  );
}
