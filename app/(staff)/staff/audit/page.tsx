import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { db } from "@/db/client";
import { requireRole } from "@/lib/auth/current-user";
import { formatJalaliDateTime, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { auditTrail } from "@/lib/staff/audit";

const t = messages.staff.audit;
const p = messages.staff.payments;

export const metadata: Metadata = { title: t.title };

const query = z.object({
  action: z.string().regex(/^[a-z_.]{1,40}$/).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

const json = (value: unknown) => (value === null || value === undefined ? "—" : JSON.stringify(value, null, 1));

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole(["admin"], "/staff/audit");
  const q = query.parse(await searchParams);
  const trail = await auditTrail(db(), user, q);
  const pageHref = (page: number) => `/staff/audit?${new URLSearchParams({ ...(q.action ? { action: q.action } : {}), page: String(page) }).toString()}`;

  return (
    <div className="stack">
      <h1>{t.title}</h1>
      <form method="get" className="card row">
        <div className="field">
          <label htmlFor="action">{t.action}</label>
          <select id="action" name="action" className="input" defaultValue={q.action ?? ""}>
            <option value="">{t.all}</option>
            {Object.entries(t.actions).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button className="button" type="submit" style={{ alignSelf: "end" }}>
          {t.apply}
        </button>
      </form>
      {trail.rows.length === 0 ? (
        <p className="card">{t.none}</p>
      ) : (
        <div className="table-wrap card">
          <table className="data audit">
            <thead>
              <tr>
                <th scope="col">{t.columns.when}</th>
                <th scope="col">{t.columns.who}</th>
                <th scope="col">{t.columns.what}</th>
                <th scope="col">{t.columns.subject}</th>
                <th scope="col">{t.columns.change}</th>
                <th scope="col">{t.columns.reason}</th>
              </tr>
            </thead>
            <tbody>
              {trail.rows.map((row) => (
                <tr key={row.id} data-testid="audit-row" data-action={row.action}>
                  <td>{formatJalaliDateTime(row.createdAt)}</td>
                  <td>
                    {row.actorName ?? "—"} <span className="muted">({t.roles[row.actorRole] ?? row.actorRole})</span>
                    <br />
                    <span dir="ltr" className="muted">
                      {persianNumber(row.actorPhone)}
                    </span>
                  </td>
                  <td>{t.actions[row.action] ?? row.action}</td>
                  <td dir="ltr" className="muted">
                    {row.subjectType} {row.subjectId}
                  </td>
                  <td className="wrap">
                    <details>
                      <summary>
                        {t.before} / {t.after}
                      </summary>
                      <pre dir="ltr">{`${t.before}: ${json(row.before)}\n${t.after}: ${json(row.after)}`}</pre>
                    </details>
                  </td>
                  <td className="wrap">{row.reason ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {trail.pageCount > 1 ? (
        <nav aria-label={p.pagination} className="row">
          {trail.page > 1 ? <Link href={pageHref(trail.page - 1)}>{p.newer}</Link> : null}
          <span>{p.page(trail.page, trail.pageCount)}</span>
          {trail.page < trail.pageCount ? <Link href={pageHref(trail.page + 1)}>{p.older}</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
