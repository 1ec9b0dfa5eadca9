import Link from "next/link";
import { formatJalaliDate } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { tehranInstant } from "@/lib/time/tehran";
import { JoinWaitlistForm, LeaveWaitlistForm, type WaitlistAction } from "./waitlist-forms";

const t = messages.waitlist;

/** A Tehran day (`YYYY-MM-DD`) in Jalali. */
export const jalaliDay = (dateKey: string) => formatJalaliDate(tehranInstant(dateKey, "12:00"));

export function waitlistRangeText(entry: { fromDate: string | null; toDate: string | null }): string {
  return t.range({ from: entry.fromDate && jalaliDay(entry.fromDate), to: entry.toDate && jalaliDay(entry.toDate) });
}

/** The doctor page's waitlist: open when the doctor has no free time in the next 14 days, folded under a
 * question otherwise (the day a patient wants may still be full). A signed-out visitor is asked to sign in. */
export function WaitlistCard(props: {
  doctorId: string;
  noFreeTime: boolean;
  signInHref: string | null;
  entry: { id: string; fromDate: string | null; toDate: string | null } | null;
  days: string[];
  joinAction: WaitlistAction;
  leaveAction: WaitlistAction;
}) {
  const { entry } = props;
  const body = entry ? (
    <div className="stack" data-testid="waitlist-entry">
      <p className="alert info" role="status">
        {t.card.joined} ({waitlistRangeText(entry)})
      </p>
      <LeaveWaitlistForm action={props.leaveAction} entryId={entry.id} />
    </div>
  ) : props.signInHref ? (
    <div>
      <Link className="button" href={props.signInHref}>
        {t.card.signIn}
      </Link>
    </div>
  ) : (
    <JoinWaitlistForm
      action={props.joinAction}
      doctorId={props.doctorId}
      days={props.days.map((d) => ({ value: d, label: jalaliDay(d) }))}
    />
  );
  return (
    <section id="waitlist" className="card stack" aria-label={t.card.heading} data-testid="waitlist-card">
      {props.noFreeTime || entry ? (
        <>
          <h2>{t.card.heading}</h2>
          {entry ? null : <p>{t.card.noFreeTime}</p>}
          {body}
        </>
      ) : (
        <details className="stack">
          <summary>{t.card.heading}</summary>
          <p>{t.card.noFreeDay}</p>
          {body}
        </details>
      )}
      <p className="hint">{t.card.howItWorks}</p>
    </section>
  );
}
