import type { Metadata } from "next";
import { z } from "zod";
import { AuditChange, subjectLabel } from "@/components/staff/audit-change";
import { FilterForm } from "@/components/staff/filter-form";
import { SelectField } from "@/components/ui/select-field";
import { PagedTable } from "@/components/staff/paged-table";
import { db } from "@/db/client";
import { requireStaff } from "@/lib/auth/current-user";
import { formatJalaliDateTime, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { auditTrail } from "@/lib/audit/audit";

const t = messages.staff.audit;

export const metadata: Metadata = { title: t.title };

const query = z.object({
  action: z
    .string()
    .regex(/^[a-z_.]{1,40}$/)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireStaff("/staff/audit", "clinic_admin");
  const q = query.parse(await searchParams);
  const trail = await auditTrail(db(), user, q);

  return (
    <div className="stack">
      <h1>{t.title}</h1>
      <FilterForm applyLabel={t.apply} layout="line">
        <SelectField name="action" label={t.action} value={q.action} anyLabel={t.all} options={Object.entries(t.actions)} />
      </FilterForm>
      <PagedTable
        rows={trail.rows}
        columns={[t.columns.when, t.columns.who, t.columns.what, t.columns.change, t.columns.reason]}
        empty={t.none}
        className="audit"
        page={trail.page}
        pageCount={trail.pageCount}
        path="/staff/audit"
        query={{ action: q.action }}
        renderRow={(row) => (
          <tr key={row.id} data-testid="audit-row" data-action={row.action}>
            <td>{formatJalaliDateTime(row.createdAt)}</td>
            <td>
              {row.actorName ?? "—"} <span className="muted">({t.roles[row.actorRole] ?? row.actorRole})</span>
              <br />
              <span dir="ltr" className="muted">
                {persianNumber(row.actorPhone)}
              </span>
            </td>
            <td>
              <strong>{t.actions[row.action] ?? row.action}</strong>
              <br />
              <span data-testid="audit-subject">{subjectLabel(row.subject)}</span>
            </td>
            <td className="wrap" data-testid="audit-change">
              <AuditChange before={row.before} after={row.after} />
            </td>
            <td className="wrap">{row.reason ?? "—"}</td>
          </tr>
        )}
      />
    </div>
  );
}
