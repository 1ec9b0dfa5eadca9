import type { Metadata } from "next";
import { z } from "zod";
import { AppointmentsView } from "@/components/booking/appointments/appointments-view";
import { WaitlistEntries } from "@/components/waitlist/waitlist-entries";
import { db } from "@/db/client";
import { requireUser } from "@/lib/auth/current-user";
import { patientRefund } from "@/lib/booking/cancellation";
import { myAppointments } from "@/lib/booking/my-appointments";
import { canReschedule, latestMove } from "@/lib/booking/reschedule";
import { config } from "@/lib/config";
import { messages } from "@/lib/i18n/messages";
import { visitsToReview } from "@/lib/reviews/reviews";
import { myWaitlist } from "@/lib/waitlist/waitlist";
import { leaveWaitlistAction } from "@/app/actions/waitlist";
import { cancelAppointmentAction } from "./actions";

export const metadata: Metadata = { title: messages.appointments.title };

const idParam = z.uuid().optional().catch(undefined);
const tabParam = z.enum(["upcoming", "past"]).catch("upcoming");

export default async function AppointmentsPage({
  searchParams,
}: {
  searchParams: Promise<{ cancel?: string; cancelled?: string; moved?: string; tab?: string }>;
}) {
  const user = await requireUser("/appointments");
  const query = await searchParams;
  const [all, toReview, waitlist] = await Promise.all([
    myAppointments(db(), user.userId),
    visitsToReview(db(), user.userId),
    myWaitlist(db(), user.userId),
  ]);
  const now = new Date();
  // The confirm step of ?cancel=id: the refund the policy gives, told before the patient confirms.
  const cancelling = all.find((a) => a.id === idParam.parse(query.cancel));
  const fullRefundHours = config().cancelFullRefundHours;
  const cancel = cancelling
    ? {
        appointmentId: cancelling.id,
        decision: patientRefund(cancelling.startsAt, cancelling.amountRial, now, { fullRefundHours }),
        fullRefundHours,
        action: cancelAppointmentAction,
      }
    : undefined;
  const justCancelled = all.find((a) => a.id === idParam.parse(query.cancelled) && a.status === "cancelled");
  const movedId = idParam.parse(query.moved);
  const moved = movedId ? all.find((a) => a.id === movedId) : undefined;
  const move = moved ? await latestMove(db(), { patientId: user.userId, reservationId: moved.id }) : null;
  const reschedulable = new Set(all.filter((a) => canReschedule(a, now, { fullRefundHours })).map((a) => a.id));
  return (
    <AppointmentsView
      appointments={all}
      toReview={toReview}
      reschedulable={reschedulable}
      now={now}
      tab={tabParam.parse(query.tab)}
      justCancelled={justCancelled}
      justMoved={moved && move ? { appointment: moved, refundRial: move.refundRial, paidRial: move.paidRial } : undefined}
      cancel={cancel}
    >
      <WaitlistEntries entries={waitlist} leaveAction={leaveWaitlistAction} />
    </AppointmentsView>
  );
}
