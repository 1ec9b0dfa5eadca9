import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { middayOf } from "@/components/staff/day-picker";
import { db } from "@/db/client";
import { STAFF_ROLES } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/current-user";
import { formatJalaliDate, formatJalaliDateTime, formatToman, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { PAYMENT_STATUSES, paymentAttemptsList, type PaymentRow } from "@/lib/staff/payment-attempts";
import { addDays, tehranDateKey, tehranInstant } from "@/lib/time/tehran";

const t = messages.staff.payments;

export const metadata: Metadata = { title: t.title };

const query = z.object({
  status: z.enum(PAYMENT_STATUSES as [string, ...string[]]).optional().catch(undefined),
  period: z.enum(["today", "7", "30", "all"]).catch("7"),
  phone: z.string().trim().max(20).optional().catch(undefined),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

function paidFor(row: PaymentRow): string {
  if (row.purpose === "topup") return t.topup;
  if (row.purpose === "chat") return t.chatWith(row.doctorName ?? "—");
  return t.visitWith(row.doctorName ?? "—", row.slotStartsAt ? formatJalaliDateTime(row.slotStartsAt) : "—");
}

function Outcome({ row }: { row: PaymentRow }) {
  const lines: string[] = [];
  if (row.reservationStatus) lines.push(t.reservationState(messages.staff.appointments.status[row.reservationStatus as keyof typeof messages.staff.appointments.status]));
  if (row.chatRequestId) lines.push(t.chatCreated);
  if (row.autoRefundRial !== null) lines.push(t.refunded(formatToman(row.autoRefundRial)));
  if (row.lastErrorCode !== null) lines.push(t.errorCode(row.lastErrorCode));
  if (row.verifyMs !== null) lines.push(t.verifyMs(row.verifyMs));
  return <>{lines.join(" · ")}</>;
}

export default async function StaffPaymentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole(STAFF_ROLES, "/staff/payments");
  const q = query.parse(await searchParams);
  const today = tehranDateKey(new Date());
  // One chosen day wins over the period.
  const from = q.day
    ? tehranInstant(q.day, "00:00")
    : q.period === "all"
      ? undefined
      : tehranInstant(q.period === "today" ? today : addDays(today, -(Number(q.period) - 1)), "00:00");
  const to = q.day ? tehranInstant(addDays(q.day, 1), "00:00") : undefined;
  const list = await paymentAttemptsList(db(), user, {
    status: q.status as PaymentRow["status"] | undefined,
    from,
    to,
    phone: q.phone,
    page: q.page,
  });
  const pageHref = (page: number) => {
    const params = new URLSearchParams({ period: q.period, page: String(page) });
    if (q.status) params.set("status", q.status);
    if (q.phone) params.set("phone", q.phone);
    if (q.day) params.set("day", q.day);
    return `/staff/payments?${params.toString()}`;
  };
  const days = Array.from({ length: 31 }, (_, i) => addDays(today, -i));

  return (
    <div className="stack">
      <h1>{t.title}</h1>
      <form method="get" className="card filters" aria-label={t.filters}>
        <div className="field">
          <label htmlFor="status">{t.status}</label>
          <select id="status" name="status" className="input" defaultValue={q.status ?? ""}>
            <option value="">{messages.staff.appointments.all}</option>
            {PAYMENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t.statuses[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="period">{t.period}</label>
          <select id="period" name="period" className="input" defaultValue={q.period}>
            {(["today", "7", "30", "all"] as const).map((p) => (
              <option key={p} value={p}>
                {t.periods[p]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="day">{t.day}</label>
          <select id="day" name="day" className="input" defaultValue={q.day ?? ""}>
            <option value="">{t.anyDay}</option>
            {days.map((d) => (
              <option key={d} value={d}>
                {formatJalaliDate(middayOf(d))}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="phone">{t.phone}</label>
          <input id="phone" name="phone" className="input ltr" inputMode="tel" defaultValue={q.phone ?? ""} />
        </div>
        <button className="button" type="submit">
          {t.apply}
        </button>
      </form>
      <p className="muted" role="status">
        {t.total(list.total)}
      </p>
      {list.rows.length === 0 ? (
        <p className="card">{t.none}</p>
      ) : (
        <div className="table-wrap card">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t.columns.when}</th>
                <th scope="col">{t.columns.purpose}</th>
                <th scope="col">{t.columns.status}</th>
                <th scope="col">{t.columns.gateway}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((row) => (
                <tr key={row.id} data-testid="payment-row" data-status={row.status}>
                  <td>
                    {formatJalaliDateTime(row.createdAt)}
                    <br />
                    {row.patientName ?? "—"}{" "}
                    <span dir="ltr" className="muted">
                      {persianNumber(row.patientPhone)}
                    </span>
                  </td>
                  <td className="wrap">{paidFor(row)}</td>
                  <td className="wrap">
                    <span className="amount">{formatToman(row.amountRial)}</span>{" "}
                    <span className={`badge payment-${row.status}`}>{t.statuses[row.status]}</span>
                    {row.outcome ? <div>{t.outcomes[row.outcome]}</div> : null}
                    <div className="muted">
                      <Outcome row={row} />
                    </div>
                  </td>
                  <td>
                    {t.gateways[row.gateway]} · <span className="muted">{row.refId ? persianNumber(row.refId) : t.noGatewayRef}</span>
                    <br />
                    {row.retryNumber === 0 ? t.firstTry : t.retryNumber(row.retryNumber)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.pageCount > 1 ? (
        <nav aria-label={t.pagination} className="row">
          {list.page > 1 ? <Link href={pageHref(list.page - 1)}>{t.newer}</Link> : null}
          <span>{t.page(list.page, list.pageCount)}</span>
          {list.page < list.pageCount ? <Link href={pageHref(list.page + 1)}>{t.older}</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
