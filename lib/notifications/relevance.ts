import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { reservations, timeSlots } from "@/db/schema";
import type { NotificationKind } from "./record";
import { isQuietHour, outOfQuietHours } from "./reminders";

/** Whether a message recorded earlier is still worth sending now. Reminders and waitlist offers are checked
 * when they are recorded, but the send can come much later: a retry with back-off (up to ten tries), a queue
 * that was down, a job deferred to the morning. By then the visit may be cancelled, attended or over, the
 * offered slot taken, closed or past, and it may be night in Tehran. Every other kind (confirmations, refunds,
 * chat messages) tells about something that happened and always goes. */
export type SendVerdict = { action: "send" } | { action: "skip"; why: string } | { action: "defer"; until: Date };

const REMINDERS: ReadonlySet<NotificationKind> = new Set(["reservation_reminder_24h", "reservation_reminder_2h"]);

/** True when the slot has a reservation that holds it (any not cancelled). The waitlist offers a slot only
 * while this is false, and its offer is dropped at send time once it is true. */
export const slotTaken = (slotId: string) =>
  sql<boolean>`exists (select 1 from ${reservations} r where r.slot_id = ${slotId} and r.status <> 'cancelled')`;

const skip = (why: string): SendVerdict => ({ action: "skip", why });

/** `offersAtNight`: WAITLIST_OFFERS_AT_NIGHT (test servers only); reminders always wait for the morning. */
export async function sendVerdict(
  tx: Db,
  notification: { kind: NotificationKind; reference: string },
  now: Date,
  options: { offersAtNight: boolean },
): Promise<SendVerdict> {
  let startsAt: Date;
  let mayGoAtNight = false;
  if (REMINDERS.has(notification.kind)) {
    const [visit] = await tx
      .select({ status: reservations.status, startsAt: timeSlots.startsAt })
      .from(reservations)
      .innerJoin(timeSlots, eq(timeSlots.id, reservations.slotId))
      .where(eq(reservations.id, notification.reference));
    if (!visit) return skip("the visit no longer exists");
    if (visit.status !== "confirmed") return skip(`the visit is ${visit.status}`);
    startsAt = visit.startsAt;
  } else if (notification.kind === "waitlist_offer") {
    const [slot] = await tx
      .select({ status: timeSlots.status, startsAt: timeSlots.startsAt, taken: slotTaken(notification.reference) })
      .from(timeSlots)
      .where(eq(timeSlots.id, notification.reference));
    if (!slot) return skip("the slot no longer exists");
    if (slot.status !== "open") return skip("the slot is closed");
    if (slot.taken) return skip("the slot is taken");
    startsAt = slot.startsAt;
    mayGoAtNight = options.offersAtNight;
  } else {
    return { action: "send" };
  }
  if (startsAt <= now) return skip("the visit time has passed");
  if (isQuietHour(now) && !mayGoAtNight) {
    const morning = outOfQuietHours(now);
    return morning < startsAt ? { action: "defer", until: morning } : skip("the visit is before the morning");
  }
  return { action: "send" };
}
