import type { Metadata } from "next";
import { z } from "zod";
import { middayOf } from "@/components/staff/day-picker";
import { FilterForm } from "@/components/staff/filter-form";
import { SelectField } from "@/components/ui/select-field";
import { PagedTable } from "@/components/staff/paged-table";
import { PaymentAttemptRow } from "@/components/staff/payment-attempt-row";
import { db } from "@/db/client";
import { requireStaff } from "@/lib/auth/current-user";
import { formatJalaliDate } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { PAYMENT_STATUSES, paymentAttemptsList, type PaymentRow } from "@/lib/staff/payment-attempts";
import { addDays, tehranDateKey, tehranInstant } from "@/lib/time/tehran";

const t = messages.staff.payments;

export const metadata: Metadata = { title: t.title };

const PERIODS = ["today", "7", "30", "all"] as const;

const query = z.object({
  status: z
    .enum(PAYMENT_STATUSES as [string, ...string[]])
    .optional()
    .catch(undefined),
  period: z.enum(PERIODS).catch("7"),
  phone: z.string().trim().max(20).optional().catch(undefined),
  day: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export default async function StaffPaymentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireStaff("/staff/payments");
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
  const days = Array.from({ length: 31 }, (_, i) => addDays(today, -i));

  return (
    <div className="stack">
      <h1>{t.title}</h1>
      <FilterForm applyLabel={t.apply} label={t.filters} layout="grid">
        <SelectField
          name="status"
          label={t.status}
          value={q.status}
          anyLabel={messages.staff.appointments.all}
          options={PAYMENT_STATUSES.map((s) => [s, t.statuses[s]] as const)}
        />
        <SelectField name="period" label={t.period} value={q.period} options={PERIODS.map((p) => [p, t.periods[p]] as const)} />
        <SelectField
          name="day"
          label={t.day}
          value={q.day}
          anyLabel={t.anyDay}
          options={days.map((d) => [d, formatJalaliDate(middayOf(d))] as const)}
        />
        <div className="field">
          <label htmlFor="phone">{t.phone}</label>
          <input id="phone" name="phone" className="input ltr" inputMode="tel" defaultValue={q.phone ?? ""} />
        </div>
      </FilterForm>
      <p className="muted" role="status">
        {t.total(list.total)}
      </p>
      <PagedTable
        rows={list.rows}
        columns={[t.columns.when, t.columns.purpose, t.columns.status, t.columns.gateway]}
        empty={t.none}
        page={list.page}
        pageCount={list.pageCount}
        path="/staff/payments"
        query={{ period: q.period, status: q.status, phone: q.phone, day: q.day }}
        renderRow={(row) => <PaymentAttemptRow key={row.id} row={row} />}
      />
    </div>
  );
}
