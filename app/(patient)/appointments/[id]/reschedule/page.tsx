import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { RescheduleConfirm } from "@/components/booking/reschedule-confirm";
import { SlotCalendar } from "@/components/doctors/slot-calendar";
import { db } from "@/db/client";
import { requireUser } from "@/lib/auth/current-user";
import { quoteReschedule, reschedulable } from "@/lib/booking/reschedule";
import { config } from "@/lib/config";
import { doctorFreeSlots, slotDaysJson } from "@/lib/directory/doctor-slots";
import { formatJalaliDateTime, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { walletBalance } from "@/lib/ledger/ledger";
import { moveAppointmentAction, payRescheduleAction } from "./actions";

const t = messages.appointments;

export const metadata: Metadata = { title: t.rescheduleTitle };

const idParam = z.uuid();
const slotParam = z.uuid().optional().catch(undefined);

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ slot?: string }> };

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
    // The wallet is read only when the move costs more: then the balance shows beside the pay buttons.
    const walletBalanceRial = quote.ok && quote.value.differenceRial > 0 ? await walletBalance(db(), user.userId) : null;
    body = quote.ok ? (
      <RescheduleConfirm
        quote={quote.value}
        walletBalanceRial={walletBalanceRial}
        payAction={payRescheduleAction}
        moveAction={moveAppointmentAction}
      />
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
