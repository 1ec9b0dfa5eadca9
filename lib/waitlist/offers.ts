import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { doctors, timeSlots, waitlistEntries, waitlistOffers } from "@/db/schema";
import { config } from "@/lib/config";
import { formatJalaliDateTime } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { appLink, recordNotification } from "@/lib/notifications/record";
import { slotTaken } from "@/lib/notifications/relevance";
import { isQuietHour, outOfQuietHours } from "@/lib/notifications/reminders";
import { tehranDateKey } from "@/lib/time/tehran";
import { isActive } from "./waitlist";

/** Offering a freed slot to the doctor's waitlist (issue 12 §6). The queue runs `offerFreedSlot` once per freed
 * slot (triggers of migration `waitlist` queue it in the freeing transaction), then again for each next batch.
 * The offer is only a link to the slot's ordinary checkout: whoever's payment is verified first gets the slot,
 * as for anyone else; the rest are refunded by the engine, see the nearest free times, and keep waiting. */

/** A patient who was just offered one slot is not offered another within this time: a day of new hours
 * must not send a waiting patient one SMS per slot. Their turn goes to the next in line. */
export const OFFER_COOLDOWN_MS = 60 * 60_000;

export const offerJobKey = (slotId: string) => `waitlist-offer:${slotId}`;

export type OfferRun =
  | { next: "none"; offered: number; why: "gone" | "closed" | "past" | "taken" | "nobody_waiting" }
  | { next: "later"; offered: number; at: Date; why: "next_batch" | "night" };

/** batchSize: patients told at a time, in the order they joined; batchIntervalMs: how long a batch has the
 * slot to itself before the next is told (if it is still free). Both from the configuration by default
 * (WAITLIST_BATCH_SIZE, WAITLIST_BATCH_MINUTES). */
type Options = { batchSize?: number; batchIntervalMs?: number; cooldownMs?: number; offersAtNight?: boolean };

/** Offers the slot to the next batch of waiting patients, if it is still free, in the future and it is not
 * night in Tehran; says when to run again. Safe to run twice, also concurrently: an entry is offered a slot at
 * most once (unique (entry, slot)), and its SMS is a notification unique per (slot, patient). */
export async function offerFreedSlot(db: Db, slotId: string, now: Date, options: Options = {}): Promise<OfferRun> {
  const { waitlist } = config();
  const batchSize = options.batchSize ?? waitlist.batchSize;
  const interval = options.batchIntervalMs ?? waitlist.batchIntervalMs;
  const atNight = options.offersAtNight ?? waitlist.offersAtNight;
  const cooldown = options.cooldownMs ?? OFFER_COOLDOWN_MS;

  return db.transaction(async (tx): Promise<OfferRun> => {
    const [slot] = await tx
      .select({
        id: timeSlots.id,
        doctorId: timeSlots.doctorId,
        startsAt: timeSlots.startsAt,
        status: timeSlots.status,
        doctor: doctors.name,
        taken: slotTaken(slotId),
      })
      .from(timeSlots)
      .innerJoin(doctors, eq(doctors.id, timeSlots.doctorId))
      .where(eq(timeSlots.id, slotId));
    if (!slot) return { next: "none", offered: 0, why: "gone" };
    if (slot.status !== "open") return { next: "none", offered: 0, why: "closed" };
    if (slot.startsAt <= now) return { next: "none", offered: 0, why: "past" };
    if (slot.taken) return { next: "none", offered: 0, why: "taken" };
    if (isQuietHour(now) && !atNight) {
      const morning = outOfQuietHours(now);
      return morning < slot.startsAt ? { next: "later", offered: 0, at: morning, why: "night" } : { next: "none", offered: 0, why: "past" };
    }

    // One statement, one snapshot: the batch pacing and the choice of patients are read together, so a run
    // racing another either sees its batch (and waits) or picks the very same entries (and the unique pair
    // below makes it offer none of them).
    const day = tehranDateKey(slot.startsAt);
    const offeredThisSlot = sql`select 1 from ${waitlistOffers} o join ${waitlistEntries} oe on oe.id = o.entry_id where o.slot_id = ${slot.id}`;
    const candidates = await tx
      .select({ entryId: waitlistEntries.id, patientId: waitlistEntries.patientId })
      .from(waitlistEntries)
      .where(
        and(
          eq(waitlistEntries.doctorId, slot.doctorId),
          isActive,
          or(isNull(waitlistEntries.fromDate), sql`${waitlistEntries.fromDate} <= ${day}::date`),
          or(isNull(waitlistEntries.toDate), sql`${waitlistEntries.toDate} >= ${day}::date`),
          // Never the same slot twice to one patient, even one who left and joined again.
          sql`not exists (${offeredThisSlot} and oe.patient_id = ${waitlistEntries.patientId})`,
          // The last batch still has the slot to itself.
          sql`not exists (${offeredThisSlot} and o.sent_at > ${new Date(now.getTime() - interval).toISOString()}::timestamptz)`,
          sql`not exists (select 1 from ${waitlistOffers} c where c.entry_id = ${waitlistEntries.id} and c.sent_at > ${new Date(now.getTime() - cooldown).toISOString()}::timestamptz)`,
        ),
      )
      .orderBy(asc(waitlistEntries.createdAt), asc(waitlistEntries.id))
      .limit(batchSize);

    let offered = 0;
    for (const candidate of candidates) {
      const [offer] = await tx
        .insert(waitlistOffers)
        .values({ entryId: candidate.entryId, slotId: slot.id, sentAt: now })
        .onConflictDoNothing()
        .returning({ id: waitlistOffers.id });
      if (!offer) continue;
      const link = `/book/${slot.id}`;
      await recordNotification(tx, {
        recipientId: candidate.patientId,
        kind: "waitlist_offer",
        reference: slot.id,
        link,
        body: messages.waitlist.sms.offer({ doctor: slot.doctor, when: formatJalaliDateTime(slot.startsAt), link: appLink(link) }),
      });
      offered++;
    }

    // Whether anyone is still in line is the next run's question; a batch still running says when to ask it.
    const [last] = await tx
      .select({ ms: sql<number | null>`(extract(epoch from max(${waitlistOffers.sentAt})) * 1000)::float8` })
      .from(waitlistOffers)
      .where(eq(waitlistOffers.slotId, slot.id));
    const lastBatch = offered > 0 ? now.getTime() : (last?.ms ?? null);
    if (lastBatch !== null && lastBatch + interval > now.getTime())
      return { next: "later", offered, at: new Date(lastBatch + interval), why: "next_batch" };
    return { next: "none", offered, why: "nobody_waiting" };
  });
}
