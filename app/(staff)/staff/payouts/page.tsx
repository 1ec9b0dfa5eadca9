import type { Metadata } from "next";
import { z } from "zod";
import { FilterForm } from "@/components/staff/filter-form";
import { PagedTable } from "@/components/staff/paged-table";
import { StaffActionForm } from "@/components/staff/staff-action-form";
import { SelectField } from "@/components/ui/select-field";
import { db } from "@/db/client";
import { requireRole } from "@/lib/auth/current-user";
import { formatJalaliDateTime, formatToman, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { formatSheba } from "@/lib/wallet/sheba";
import { PAYOUT_ROLES, payoutQueue, type PayoutFilter } from "@/lib/wallet/withdrawals";
import { markPaidAction, rejectAction } from "./actions";

const t = messages.moneyOut.payouts;

export const metadata: Metadata = { title: t.title };

const STATUSES: PayoutFilter[] = ["requested", "paid", "rejected"];
const query = z.object({
  status: z.enum(STATUSES as [PayoutFilter, ...PayoutFilter[]]).catch("requested"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  decided: z.enum(["paid", "rejected"]).optional().catch(undefined),
});

/** The platform admin's payout queue: money leaves the platform, not a clinic, so clinic staff never see it. */
export default async function StaffPayoutsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole(PAYOUT_ROLES, "/staff/payouts");
  const q = query.parse(await searchParams);
  const list = await payoutQueue(db(), user, q);

  return (
    <div className="stack">
      <h1>{t.title}</h1>
      <p className="hint">{t.hint}</p>
      {q.decided ? (
        <p className="alert success" role="status" data-testid="payout-decided">
          {q.decided === "paid" ? t.paid : t.rejected}
        </p>
      ) : null}
      <FilterForm applyLabel={t.apply} layout="line">
        <SelectField name="status" label={t.filter} value={q.status} options={STATUSES.map((s) => [s, t.statuses[s]] as const)} />
      </FilterForm>
      <PagedTable
        rows={list.rows}
        columns={[t.columns.when, t.columns.patient, t.columns.account, t.columns.amount, t.columns.decision]}
        empty={t.none}
        page={list.page}
        pageCount={list.pageCount}
        path="/staff/payouts"
        query={{ status: q.status }}
        renderRow={(row) => (
          <tr key={row.id} data-testid="payout-row" data-status={row.status}>
            <td>{formatJalaliDateTime(row.createdAt)}</td>
            <td>
              {row.holderName}
              <br />
              <span dir="ltr" className="muted">
                {persianNumber(row.patientPhone)}
              </span>
            </td>
            <td dir="ltr" className="ltr">
              {formatSheba(row.sheba)}
            </td>
            <td className="amount">{formatToman(row.amountRial)}</td>
            <td className="wrap">
              {row.status === "requested" ? (
                <div className="stack">
                  <StaffActionForm action={markPaidAction} hidden={{ withdrawalId: row.id }} submitLabel={t.markPaid}>
                    <div className="field">
                      <label htmlFor={`ref-${row.id}`}>{t.bankReference}</label>
                      <input id={`ref-${row.id}`} name="bankReference" className="input ltr" maxLength={200} autoComplete="off" required />
                    </div>
                  </StaffActionForm>
                  <StaffActionForm action={rejectAction} hidden={{ withdrawalId: row.id }} submitLabel={t.reject} danger>
                    <div className="field">
                      <label htmlFor={`reason-${row.id}`}>{t.rejectReason}</label>
                      <input id={`reason-${row.id}`} name="reason" className="input" maxLength={200} required />
                    </div>
                  </StaffActionForm>
                </div>
              ) : row.status === "paid" ? (
                <span>{messages.moneyOut.bankReference(persianNumber(row.bankReference ?? ""))}</span>
              ) : (
                <span>{messages.moneyOut.rejectReason(row.rejectReason ?? "")}</span>
              )}
            </td>
          </tr>
        )}
      />
    </div>
  );
}
