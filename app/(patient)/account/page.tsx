import type { Metadata } from "next";
import Link from "next/link";
import { DeleteAccountForm } from "@/components/privacy/delete-account-form";
import { CardSection } from "@/components/ui/card-section";
import { db } from "@/db/client";
import { requireUser } from "@/lib/auth/current-user";
import { formatJalaliDateTime } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { deletionBlockers } from "@/lib/privacy/account-deletion";
import { blockerLink, blockerMessage } from "@/lib/privacy/deletion-messages";
import { exportMyData } from "@/lib/privacy/patient-export";
import { deleteAccountAction } from "./actions";

const t = messages.privacy;

export const metadata: Metadata = { title: t.title };

export default async function AccountPage() {
  const user = await requireUser("/account");
  const [blockers, exported] = await Promise.all([deletionBlockers(db(), user.userId), exportMyData(db(), user)]);
  const since = exported.ok ? exported.value.profile.createdAt : null;
  return (
    <div className="stack account-page">
      <h1>{t.title}</h1>
      <section className="card" aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t.sections.profile}</h2>
        <dl className="summary">
          <dt>{t.phone}</dt>
          <dd dir="ltr">{user.phone}</dd>
          <dt>{t.name}</dt>
          <dd>{user.name ?? t.noName}</dd>
          {since ? (
            <>
              <dt>{t.memberSince}</dt>
              <dd>{formatJalaliDateTime(since)}</dd>
            </>
          ) : null}
        </dl>
      </section>
      <CardSection id="data-heading" title={t.dataTitle}>
        <p>{t.dataLead}</p>
        <div className="row">
          {/* A plain link: the file is an attachment, so the browser downloads it. */}
          <a className="button" href="/account/data/download" download>
            {t.downloadJson}
          </a>
          <Link className="button secondary" href="/account/data">
            {t.viewPrintable}
          </Link>
        </div>
      </CardSection>
      <CardSection id="delete-heading" title={t.deleteTitle}>
        <p>{t.deleteLead}</p>
        {blockers.length > 0 ? (
          <div className="alert warning" data-testid="delete-blockers">
            <p>{t.blockedTitle}</p>
            <ul>
              {blockers.map((b) => {
                const link = blockerLink(b);
                return (
                  <li key={b.code}>
                    {blockerMessage(b)}
                    {link ? (
                      <>
                        {" "}
                        <Link href={link.href}>{link.label}</Link>
                      </>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </div>
        ) : null}
        <DeleteAccountForm action={deleteAccountAction} />
      </CardSection>
    </div>
  );
}
