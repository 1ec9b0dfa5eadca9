import { z } from "zod";
import { db } from "@/db/client";
import { currentUser } from "@/lib/auth/current-user";
import { notFoundAnswer, signInFirstAnswer } from "@/lib/auth/route-answers";
import { appointmentCalendar } from "@/lib/booking/appointment-calendar";
import { config } from "@/lib/config";
import { log } from "@/lib/shared/log";

/** The appointment as a calendar file; only the patient who holds it gets it (anyone else: 404, like an
 * unknown id; signed out: sign-in, then back to the appointments page). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) return notFoundAnswer();
  const user = await currentUser();
  if (!user) return signInFirstAnswer("/appointments");
  const calendar = await appointmentCalendar(db(), { patientId: user.userId, reservationId: id, appUrl: config().appUrl });
  if (!calendar) {
    log.info(`[calendar] user ${user.userId} asked for reservation ${id}, which is not theirs or does not exist`);
    return notFoundAnswer();
  }
  return new Response(calendar.ics, {
    headers: {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": `attachment; filename="drturn-${id.slice(0, 8)}.ics"`,
      "cache-control": "private, no-store",
    },
  });
}
