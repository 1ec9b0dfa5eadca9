import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { db } from "@/db/client";
import { config } from "@/lib/config";
import { formatJalaliDateTime, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { listOutbox } from "@/lib/sms/outbox-reader";

const t = messages.dev;

export const metadata: Metadata = { title: t.smsTitle };

export default async function DevSmsPage() {
  await connection();
  if (!config().devTools.smsOutbox) notFound();
  const outbox = await listOutbox(db(), { limit: 100 });
  return (
    <div className="stack">
      <h1>{t.smsTitle}</h1>
      <p className="muted">{t.smsLead}</p>
      {outbox.length === 0 ? (
        <p>{t.smsEmpty}</p>
      ) : (
        <ul className="stack plain-list">
          {outbox.map((sms, i) => (
            <li key={`${sms.phone}-${sms.createdAt.toISOString()}-${i}`} className="card">
              <p>
                <strong>{persianNumber(sms.phone)}</strong> · <span className="muted">{formatJalaliDateTime(sms.createdAt)}</span>
              </p>
              <pre className="sms-text">{sms.body}</pre>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
