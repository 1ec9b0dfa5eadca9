import Link from "next/link";
import { formatJalaliDate } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { waitlistRangeText } from "./waitlist-card";
import { LeaveWaitlistForm, type WaitlistAction } from "./waitlist-forms";

const t = messages.waitlist;

/** The patient's waitlists under «نوبت‌های من»: which doctor, which days, since when, and a way out. */
export function WaitlistEntries({
  entries,
  leaveAction,
}: {
  entries: { id: string; doctorId: string; doctorName: string; fromDate: string | null; toDate: string | null; createdAt: Date }[];
  leaveAction: WaitlistAction;
}) {
  if (entries.length === 0) return null;
  return (
    <section className="stack" aria-labelledby="waitlist-list-heading" data-testid="waitlist-list">
      <h2 id="waitlist-list-heading">{t.list.heading}</h2>
      <ul className="stack plain-list">
        {entries.map((entry) => (
          <li key={entry.id} className="card stack" data-testid="waitlist-entry">
            <p>
              <strong>
                <Link href={`/doctors/${entry.doctorId}`}>{entry.doctorName}</Link>
              </strong>
            </p>
            <p className="muted">
              {waitlistRangeText(entry)} · {t.list.since(formatJalaliDate(entry.createdAt))}
            </p>
            <LeaveWaitlistForm action={leaveAction} entryId={entry.id} />
          </li>
        ))}
      </ul>
    </section>
  );
}
