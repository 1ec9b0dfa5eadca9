import type { Db } from "@/db/client";
import { timeSlots } from "@/db/schema";
import { deliverCallback, serverEngine, startAndPay } from "./gateway-flow";

/** How fast what one instance wrote shows on every instance's public pages (issue 15 §1: within 5 s), each
 * instance having its doctor's free times in its cache first. */

const POLL_EVERY_MS = 50;
const GIVE_UP_MS = 10_000;

export type FreshnessRun = {
  /** Per instance: ms from the commit until its slot data showed the change (null: not within GIVE_UP_MS). */
  opened: (number | null)[];
  booked: (number | null)[];
  /** Per instance: its doctor page, read after the slot data changed, agrees. */
  pagesAgree: boolean[];
};

async function freeSlotIds(baseUrl: string, doctorId: string): Promise<string[]> {
  const response = await fetch(`${baseUrl}/api/doctors/${doctorId}/slots`);
  if (response.status !== 200) return [];
  const body = (await response.json()) as { days: { slots: { id: string }[] }[] };
  return body.days.flatMap((day) => day.slots.map((slot) => slot.id));
}

/** Polls every instance until `done` holds for its free slot ids; ms since `since` for each, or null. */
async function untilEvery(bases: string[], doctorId: string, since: number, done: (ids: string[]) => boolean) {
  return Promise.all(
    bases.map(async (base) => {
      for (;;) {
        if (done(await freeSlotIds(base, doctorId))) return Math.round(performance.now() - since);
        if (performance.now() - since > GIVE_UP_MS) return null;
        await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
      }
    }),
  );
}

/** A clinic opens a slot (written straight to the database, as the schedule page would), then a patient pays
 * for it on the first instance; both changes are timed on every instance. */
export async function measureFreshness(input: {
  db: Db;
  instanceUrls: string[];
  doctorId: string;
  patientId: string;
}): Promise<FreshnessRun> {
  const { db, instanceUrls, doctorId } = input;
  // Warm: every instance has this doctor's free times in its cache.
  await Promise.all(instanceUrls.map((base) => freeSlotIds(base, doctorId)));
  const startsAt = new Date(Date.now() + 3 * 86_400_000);
  const [slot] = await db
    .insert(timeSlots)
    .values({ doctorId, startsAt, endsAt: new Date(startsAt.getTime() + 15 * 60_000) })
    .returning({ id: timeSlots.id });
  const opened = await untilEvery(instanceUrls, doctorId, performance.now(), (ids) => ids.includes(slot!.id));

  const [first] = instanceUrls;
  const paid = await startAndPay(serverEngine(db, first!), { userId: input.patientId, slotId: slot!.id, sandboxServerUrl: first! });
  const answer = await deliverCallback(paid.callbackUrl);
  const settledAt = performance.now();
  const booked =
    answer.status === 303
      ? await untilEvery(instanceUrls, doctorId, settledAt, (ids) => !ids.includes(slot!.id))
      : instanceUrls.map(() => null);
  const pagesAgree = await Promise.all(
    instanceUrls.map(async (base) => {
      const response = await fetch(`${base}/doctors/${doctorId}`);
      return response.status === 200 && !(await response.text()).includes(slot!.id);
    }),
  );
  return { opened, booked, pagesAgree };
}
