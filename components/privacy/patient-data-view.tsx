import type { ReactNode } from "react";
import { DataTable } from "@/components/ui/data-table";
import { formatJalaliDateTime, formatToman, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import type { PatientExport } from "@/lib/privacy/patient-export";
import { waitlistRangeText } from "@/components/waitlist/waitlist-card";
import { PrintButton } from "@/components/ui/print-button";

const t = messages.privacy;
const orDash = (value: string | null) => value ?? "—";

function Section({ id, title, empty, children }: { id: keyof typeof t.sections; title: string; empty: boolean; children: ReactNode }) {
  return (
    <section className="card stack" aria-labelledby={`data-${id}`} data-testid={`data-${id}`}>
      <h2 id={`data-${id}`}>{title}</h2>
      {empty ? <p className="muted">{t.empty}</p> : children}
    </section>
  );
}

function Table({ head, rows }: { head: string[]; rows: ReactNode[][] }) {
  return (
    <DataTable columns={head} card={false}>
      {rows.map((cells, i) => (
        <tr key={i}>
          {cells.map((cell, j) => (
            <td key={j}>{cell}</td>
          ))}
        </tr>
      ))}
    </DataTable>
  );
}

/** The readable, printable copy of "download my data": the same export as the JSON file. */
export function PatientDataView({ data }: { data: PatientExport }) {
  const c = t.columns;
  const purposeOf = messages.patient.payments.purpose;
  return (
    <div className="stack patient-data">
      <div className="row">
        <h1>{t.dataTitle}</h1>
        <PrintButton label={messages.privacy.print} />
      </div>
      <p className="muted">{t.exportedAt(formatJalaliDateTime(data.exportedAt))}</p>

      <Section id="profile" title={t.sections.profile} empty={false}>
        <dl className="summary">
          <dt>{t.phone}</dt>
          <dd dir="ltr">{data.profile.phone}</dd>
          <dt>{t.name}</dt>
          <dd>{data.profile.name ?? t.noName}</dd>
          <dt>{t.firstName}</dt>
          <dd>{orDash(data.profile.firstName)}</dd>
          <dt>{t.lastName}</dt>
          <dd>{orDash(data.profile.lastName)}</dd>
          <dt>{t.nationalCode}</dt>
          <dd>{data.profile.nationalCode ? persianNumber(data.profile.nationalCode) : "—"}</dd>
          <dt>{t.birthYear}</dt>
          <dd>{data.profile.birthYear ? persianNumber(String(data.profile.birthYear)) : "—"}</dd>
          <dt>{t.sex}</dt>
          <dd>{data.profile.sex ? t.sexes[data.profile.sex] : "—"}</dd>
          <dt>{t.memberSince}</dt>
          <dd>{formatJalaliDateTime(data.profile.createdAt)}</dd>
        </dl>
      </Section>

      <Section id="familyMembers" title={t.sections.familyMembers} empty={data.familyMembers.length === 0}>
        <Table
          head={[c.firstName, c.lastName, c.nationalCode, c.relation, c.removedAt]}
          rows={data.familyMembers.map((m) => [
            m.firstName,
            m.lastName,
            persianNumber(m.nationalCode),
            messages.profile.relations[m.relation] ?? m.relation,
            m.removedAt ? formatJalaliDateTime(m.removedAt) : "—",
          ])}
        />
      </Section>

      <Section id="appointments" title={t.sections.appointments} empty={data.appointments.length === 0}>
        <Table
          head={[c.when, c.doctor, c.clinic, c.status, c.amount]}
          rows={data.appointments.map((a) => [
            formatJalaliDateTime(a.startsAt),
            a.doctor,
            a.clinic,
            messages.appointments.status[a.status],
            formatToman(a.amountRial),
          ])}
        />
      </Section>

      <Section id="payments" title={t.sections.payments} empty={data.payments.length === 0}>
        <Table
          head={[c.when, c.purpose, c.amount, c.status, c.reference]}
          rows={data.payments.map((p) => [
            formatJalaliDateTime(p.createdAt),
            purposeOf[p.purpose](null),
            formatToman(p.amountRial),
            messages.patient.payments.status[p.outcome === "auto_refunded" ? "auto_refunded" : p.status],
            p.refId ?? "—",
          ])}
        />
      </Section>

      <Section id="walletLedger" title={t.sections.walletLedger} empty={data.walletLedger.length === 0}>
        <Table
          head={[c.when, c.purpose, c.amount, c.balanceAfter]}
          rows={data.walletLedger.map((l) => [
            formatJalaliDateTime(l.createdAt),
            messages.wallet.reasons[l.reason](null),
            `${l.amountRial > 0 ? messages.wallet.credit : messages.wallet.debit} ${formatToman(Math.abs(l.amountRial))}`,
            formatToman(l.balanceAfterRial),
          ])}
        />
      </Section>

      <Section id="chats" title={t.sections.chats} empty={data.chats.length === 0}>
        {data.chats.map((chat) => (
          <article key={chat.id} className="stack">
            <h3>
              {chat.doctor} · {formatJalaliDateTime(chat.createdAt)} · {messages.chat.status[chat.status]}
            </h3>
            <p>
              <strong>{t.question}: </strong>
              {chat.question}
            </p>
            <ul>
              {chat.messages.map((m, i) => (
                <li key={i}>
                  <strong>{m.fromPatient ? t.patientSaid : t.doctorSaid}</strong> ({formatJalaliDateTime(m.createdAt)}): {m.body}
                </li>
              ))}
            </ul>
          </article>
        ))}
      </Section>

      <Section id="chatFiles" title={t.sections.chatFiles} empty={data.chatFiles.length === 0}>
        <Table
          head={[c.when, c.sentBy, c.fileName, c.fileType, c.fileSize]}
          rows={data.chatFiles.map((f) => [
            formatJalaliDateTime(f.createdAt),
            f.fromPatient ? t.patientSaid : t.doctorSaid,
            <a key="file" href={f.link}>
              {f.fileName}
            </a>,
            f.contentType,
            t.kiloBytes(persianNumber(Math.max(1, Math.round(f.byteSize / 1024)))),
          ])}
        />
      </Section>

      <Section id="withdrawals" title={t.sections.withdrawals} empty={data.withdrawals.length === 0}>
        <Table
          head={[c.when, c.amount, c.sheba, c.holderName, c.status, c.reference]}
          rows={data.withdrawals.map((w) => [
            formatJalaliDateTime(w.createdAt),
            formatToman(w.amountRial),
            <span key="sheba" dir="ltr">
              {w.sheba}
            </span>,
            w.holderName,
            messages.moneyOut.status[w.status],
            w.bankReference ?? "—",
          ])}
        />
      </Section>

      {/* A list, not a table: the texts are long, and a table of them would scroll sideways on a phone. */}
      <Section id="notifications" title={t.sections.notifications} empty={data.notifications.length === 0}>
        <ul>
          {data.notifications.map((n, i) => (
            <li key={i}>
              <strong>{formatJalaliDateTime(n.createdAt)}</strong>: {n.body}
            </li>
          ))}
        </ul>
      </Section>

      <Section id="reviews" title={t.sections.reviews} empty={data.reviews.length === 0}>
        <Table
          head={[c.when, c.doctor, c.rating, c.comment, c.reply]}
          rows={data.reviews.map((r) => [
            formatJalaliDateTime(r.createdAt),
            r.doctor,
            persianNumber(r.overall),
            r.comment || "—",
            r.reply ?? "—",
          ])}
        />
      </Section>

      <Section id="waitlist" title={t.sections.waitlist} empty={data.waitlist.length === 0}>
        <ul>
          {data.waitlist.map((w, i) => (
            <li key={i}>
              {w.doctor} · {waitlistRangeText(w)} · {formatJalaliDateTime(w.createdAt)}
            </li>
          ))}
        </ul>
      </Section>
    </div>
  );
}
