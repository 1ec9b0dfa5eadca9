import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { RescheduleConfirmForm } from "@/components/booking/reschedule-confirm-form";
import { SlotCalendar } from "@/components/doctors/slot-calendar";
import { PayButtons } from "@/components/payments/pay-buttons";
import { db } from "@/db/client";
import { requireUser } from "@/lib/auth/current-user";
import { quoteReschedule, reschedulable, type RescheduleQuote } from "@/lib/booking/reschedule";
import { config } from "@/lib/config";
import { doctorFreeSlots, slotDaysJson } from "@/lib/directory/doctor-slots";
import { formatJalaliDateTime, formatToman, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { walletBalance } from "@/lib/ledger/ledger";
import { moveAppointmentAction, payRescheduleAction } from "./actions";

const t = messages.appointments;

export const metadata: Metadata = { title: t.rescheduleTitle };

const idParam = z.uuid();
const slotParam = z.uuid().optional().catch(undefined);

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ slot?: string }> };

/** The confirm step: the new time and what it costs, said before the patient confirms. */
async function Confirm({ quote, userId }: { quote: RescheduleQuote; userId: string }) {
  const hidden = { reservationId: quote.reservationId, fromSlotId: quote.fromSlotId, slotId: quote.toSlotId };
  const otherTimeHref = `/appointments/${quote.reservationId}/reschedule`;
  const difference = quote.differenceRial;
  return (
    <section className="card stack" aria-labelledby="confirm-heading" data-testid="reschedule-confirm">
      <h2 id="confirm-heading">{t.confirmTitle}</h2>
      <p>{t.fromTo(formatJalaliDateTime(quote.fromStartsAt), formatJalaliDateTime(quote.toStartsAt))}</p>
      {difference === 0 ? <p className="alert info">{t.sameFee}</p> : null}
      {difference < 0 ? <p className="alert info">{t.lowerFee(formatToman(-difference))}</p> : null}
      {difference > 0 ? (
        <>
          <p className="alert warning">{t.higherFee(formatToman(difference))}</p>
          <PayButtons
            action={payRescheduleAction}
            hidden={hidden}
            walletHint={`${messages.payment.walletBalance}: ${formatToman(await walletBalance(db(), userId))}`}
          />
          <Link href={otherTimeHref}>{t.otherTime}</Link>
        </>
      ) : (
        <RescheduleConfirmForm
          action={moveAppointmentAction}
          hidden={{ ...hidden, expectedDifferenceRial: String(difference) }}
          otherTimeHref={otherTimeHref}
        />
      )}
    </section>
  );
}

export default async function ReschedulePage({ params, searchParams }: Props) {
  const { id } = await params;
  const user = await requireUser(`/appointments/${id}/reschedule`);
  if (!idParam.safeParse(id).success) notFound();
  const policy = { fullRefundHours: config().cancelFullRefundHours };
  const visit = await reschedulable(db(), { patientId: user.userId, reservationId: id }, policy);
  if (!visit) notFound();
  const slotId = slotParam.parse((await searchParams).slot);

  let body: React.ReactNode;
  if (visit.refusal) {
    body = (
      <p className="alert warning" role="alert" data-testid="reschedule-refused">
        {t.rescheduleErrors[visit.refusal]}
      </p>
    );
  } else if (slotId) {
    const quote = await quoteReschedule(db(), { patientId: user.userId, reservationId: id, slotId }, policy);
    body = quote.ok ? (
      <Confirm quote={quote.value} userId={user.userId} />
    ) : (
      <div className="stack">
        <p className="alert error" role="alert">
          {t.rescheduleErrors[quote.error.code]}
        </p>
        <Link className="button secondary" href={`/appointments/${id}/reschedule`}>
          {t.otherTime}
        </Link>
      </div>
    );
  } else {
    const days = await doctorFreeSlots(db(), { doctorId: visit.doctorId });
    body = (
      <section className="stack" aria-labelledby="slots-heading">
        <h2 id="slots-heading">{t.pickNewTime}</h2>
        <SlotCalendar doctorId={visit.doctorId} initialData={slotDaysJson(days ?? [])} slotHref={`/appointments/${id}/reschedule?slot=`} />
      </section>
    );
  }

  return (
    <div className="stack">
      <h1>{t.rescheduleTitle}</h1>
      <p>
        <strong>{visit.doctorName}</strong> — {t.currentTime(formatJalaliDateTime(visit.startsAt))}
      </p>
      <p className="hint">{t.rescheduleLead(persianNumber(policy.fullRefundHours))}</p>
      {body}
      <p>
        <Link href="/appointments">{t.backToAppointments}</Link>
      </p>
    </div>
  );
}
