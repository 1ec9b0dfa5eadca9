import type { Metadata } from "next";
import { BarChart } from "@/components/staff/bar-chart";
import { middayOf } from "@/components/staff/day-picker";
import { db } from "@/db/client";
import { requireStaff } from "@/lib/auth/current-user";
import { formatJalaliDate, formatJalaliDayMonth, formatToman, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { businessClinics, businessReport, type BusinessCounts } from "@/lib/staff/business";
import { businessSearch, parseBusinessQuery } from "@/lib/staff/business-query";
import { addDays, tehranDateKey } from "@/lib/time/tehran";

const t = messages.staff.business;

export const metadata: Metadata = { title: t.title };

const RANGE_DAYS = 365;
const count = (value: number) => persianNumber(Math.round(value));

function CountsCells({ c }: { c: BusinessCounts }) {
  return (
    <>
      <td data-col="bookings">{count(c.bookings)}</td>
      <td data-col="cancelled">{count(c.cancelled)}</td>
      <td data-col="noShow">{count(c.noShow)}</td>
      <td data-col="attendanceRate">{t.rate(c.attendanceRate)}</td>
      <td data-col="revenue" className="amount">{formatToman(c.revenueRial)}</td>
      <td data-col="refunds" className="amount">{formatToman(c.refundsRial)}</td>
      <td data-col="chatsAnswered">{count(c.chatsAnswered)}</td>
      <td data-col="chatsExpired">{count(c.chatsExpired)}</td>
    </>
  );
}

const HEAD = [t.tiles.bookings, t.tiles.cancelled, t.tiles.noShow, t.tiles.attendanceRate, t.tiles.revenue, t.tiles.refunds, t.tiles.chatsAnswered, t.tiles.chatsExpired];

/** Clinic admins (their clinics) and the platform admin (any clinic, or all): bookings, attendance, money
 * and chats for a chosen Jalali range, per day or week and per doctor, with charts and a CSV for Excel. */
export default async function BusinessPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireStaff("/staff/business", "clinic_admin");
  const now = new Date();
  const query = parseBusinessQuery(await searchParams, now);
  const [report, clinics] = await Promise.all([businessReport(db(), user, query), businessClinics(db(), user)]);
  const today = tehranDateKey(now);
  const days = Array.from({ length: RANGE_DAYS }, (_, i) => addDays(today, -i));
  for (const d of [report.from, report.to]) if (!days.includes(d)) days.push(d);
  const label = (period: string) => (report.groupBy === "week" ? t.weekOf(formatJalaliDayMonth(middayOf(period))) : formatJalaliDayMonth(middayOf(period)));
  const chartDays = (pick: (c: BusinessCounts) => Record<string, number>) => report.periods.map((p) => ({ date: p.period, label: label(p.period), values: pick(p) }));
  const totals = report.totals;
  const tiles = [
    { key: "bookings", label: t.tiles.bookings, value: count(totals.bookings) },
    { key: "cancelled", label: t.tiles.cancelled, value: count(totals.cancelled) },
    { key: "noShow", label: t.tiles.noShow, value: count(totals.noShow) },
    { key: "attendanceRate", label: t.tiles.attendanceRate, value: t.rate(totals.attendanceRate) },
    { key: "revenue", label: t.tiles.revenue, value: formatToman(totals.revenueRial) },
    { key: "refunds", label: t.tiles.refunds, value: formatToman(totals.refundsRial) },
    { key: "chatsAnswered", label: t.tiles.chatsAnswered, value: count(totals.chatsAnswered) },
    { key: "chatsExpired", label: t.tiles.chatsExpired, value: count(totals.chatsExpired) },
  ];

  return (
    <div className="stack">
      <h1>
        {t.title} <span className="muted">— {t.range(formatJalaliDate(middayOf(report.from)), formatJalaliDate(middayOf(report.to)))}</span>
      </h1>
      <form method="get" className="card row" aria-label={t.filters}>
        {(["from", "to"] as const).map((name) => (
          <div key={name} className="field">
            <label htmlFor={`business-${name}`}>{t[name]}</label>
            <select id={`business-${name}`} name={name} className="input" defaultValue={report[name]}>
              {days.sort().reverse().map((d) => (
                <option key={d} value={d}>
                  {formatJalaliDate(middayOf(d))}
                </option>
              ))}
            </select>
          </div>
        ))}
        <div className="field">
          <label htmlFor="business-group">{t.groupBy}</label>
          <select id="business-group" name="group" className="input" defaultValue={report.groupBy}>
            <option value="day">{t.byDay}</option>
            <option value="week">{t.byWeek}</option>
          </select>
        </div>
        {clinics.length > 1 ? (
          <div className="field">
            <label htmlFor="business-clinic">{t.clinic}</label>
            <select id="business-clinic" name="clinic" className="input" defaultValue={report.clinicId ?? ""}>
              <option value="">{t.allClinics}</option>
              {clinics.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <button className="button" type="submit" style={{ alignSelf: "end" }}>
          {t.apply}
        </button>
        <a className="button secondary" style={{ alignSelf: "end" }} href={`/staff/business/export?${businessSearch({ ...query, from: report.from, to: report.to, clinicId: report.clinicId ?? undefined })}`} download>
          {t.exportCsv}
        </a>
      </form>

      <ul className="tiles">
        {tiles.map((tile) => (
          <li key={tile.key} className="card tile" data-testid={`business-${tile.key}`}>
            <span className="muted">{tile.label}</span>
            <strong>{tile.value}</strong>
          </li>
        ))}
      </ul>

      <div className="charts">
        <BarChart
          title={t.charts.visits}
          testId="chart-visits"
          format={count}
          series={[
            { key: "attended", label: t.series.attended, color: "#0f766e" },
            { key: "noShow", label: t.series.noShow, color: "#d97706" },
            { key: "cancelled", label: t.series.cancelled, color: "#b42318" },
            { key: "upcoming", label: t.series.upcoming, color: "#1d4ed8" },
          ]}
          days={chartDays((c) => ({ attended: c.attended, noShow: c.noShow, cancelled: c.cancelled, upcoming: c.bookings - c.attended - c.noShow - c.cancelled }))}
        />
        <BarChart title={t.charts.revenue} testId="chart-revenue" format={(rial) => formatToman(Math.round(rial))} series={[{ key: "revenue", label: t.series.revenue, color: "#0f766e" }]} days={chartDays((c) => ({ revenue: c.revenueRial }))} />
        <BarChart
          title={t.charts.chats}
          testId="chart-chats"
          format={count}
          series={[
            { key: "answered", label: t.series.answered, color: "#7c3aed" },
            { key: "expired", label: t.series.expired, color: "#6b7280" },
          ]}
          days={chartDays((c) => ({ answered: c.chatsAnswered, expired: c.chatsExpired }))}
        />
      </div>

      <section className="stack" aria-labelledby="per-doctor">
        <h2 id="per-doctor">{t.perDoctor}</h2>
        {report.doctors.length === 0 ? (
          <p className="card">{t.none}</p>
        ) : (
          <div className="table-wrap card">
            <table className="data" data-testid="business-doctors">
              <thead>
                <tr>
                  <th scope="col">{t.csv.doctor}</th>
                  {HEAD.map((h) => (
                    <th key={h} scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {report.doctors.map((d) => (
                  <tr key={d.doctorId} data-doctor={d.doctorName}>
                    <th scope="row">{d.doctorName}</th>
                    <CountsCells c={d} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="stack" aria-labelledby="per-period">
        <h2 id="per-period">{t.perPeriod}</h2>
        <div className="table-wrap card">
          <table className="data" data-testid="business-periods">
            <thead>
              <tr>
                <th scope="col">{report.groupBy === "week" ? t.csv.weekOf : t.csv.day}</th>
                {HEAD.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...report.periods].reverse().map((p) => (
                <tr key={p.period} data-period={p.period}>
                  <th scope="row">{report.groupBy === "week" ? t.weekOf(formatJalaliDate(middayOf(p.period))) : formatJalaliDate(middayOf(p.period))}</th>
                  <CountsCells c={p} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
