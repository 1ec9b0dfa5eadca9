import type { Metadata } from "next";
import { z } from "zod";
import { FilterForm } from "@/components/staff/filter-form";
import { SelectField } from "@/components/ui/select-field";
import { PagedTable } from "@/components/staff/paged-table";
import { WalletAdjustForm } from "@/components/staff/wallet-adjust-form";
import { db } from "@/db/client";
import { requireStaff } from "@/lib/auth/current-user";
import { formatJalaliDateTime, formatToman, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { visitForText } from "@/lib/patients/visit-for-text";
import { MONEY_BACK_REASONS, refundsList, type MoneyBackReason } from "@/lib/staff/refunds";
import { adjustWalletAction } from "./actions";

const t = messages.staff.refunds;

export const metadata: Metadata = { title: t.title };

const query = z.object({
  reason: z
    .enum(MONEY_BACK_REASONS as [MoneyBackReason, ...MoneyBackReason[]])
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export default async function StaffRefundsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireStaff("/staff/refunds");
  const q = query.parse(await searchParams);
  const list = await refundsList(db(), user, q);

  return (
    <div className="stack">
      <h1>{t.title}</h1>
      {user.role === "admin" ? <WalletAdjustForm action={adjustWalletAction} /> : null}
      <FilterForm applyLabel={t.apply} layout="line">
        <SelectField
          name="reason"
          label={t.reason}
          value={q.reason}
          anyLabel={t.all}
          options={MONEY_BACK_REASONS.map((r) => [r, t.reasons[r]] as const)}
        />
      </FilterForm>
      <PagedTable
        rows={list.rows}
        columns={[t.columns.when, t.columns.patient, t.columns.reason, t.columns.amount, t.columns.balance, t.columns.note]}
        empty={t.none}
        page={list.page}
        pageCount={list.pageCount}
        path="/staff/refunds"
        query={{ reason: q.reason }}
        renderRow={(row) => (
          <tr key={row.id} data-testid="refund-row" data-reason={row.reason}>
            <td>{formatJalaliDateTime(row.createdAt)}</td>
            <td>
              {row.patientName ?? "—"}
              <br />
              <span dir="ltr" className="muted">
                {persianNumber(row.patientPhone)}
              </span>
              {visitForText(row) ? <div data-testid="visit-for">{visitForText(row)}</div> : null}
            </td>
            <td>{t.reasons[row.reason]}</td>
            <td className="amount">{formatToman(row.amountRial)}</td>
            <td className="amount">{formatToman(row.balanceAfterRial)}</td>
            <td className="wrap">{row.note ?? "—"}</td>
          </tr>
        )}
      />
    </div>
  );
}
