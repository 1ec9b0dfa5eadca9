import { and, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clinics, doctors, reservations, timeSlots } from "@/db/schema";
import type { ProductError } from "@/lib/payments/product";
import { walletBalance } from "@/lib/ledger/ledger";
import { reservationProduct } from "@/lib/booking/reservation-product";

export type ReservationCheckoutView = {
  slotId: string;
  startsAt: Date;
  doctor: { id: string; name: string; title: string };
  clinic: { name: string; address: string };
  feeRial: number;
  walletBalanceRial: number;
  /** Null when the slot can be booked now. */
  unavailable: ProductError | null;
  /** The live reservation on the slot is this patient's own (they came back to a checkout they already paid). */
  bookedByYou: boolean;
};

/** Everything the checkout screen shows before the patient pays. */
export async function reservationCheckoutView(
  db: Db,
  input: { slotId: string; userId: string; now?: Date },
): Promise<ReservationCheckoutView | null> {
  const [row] = await db
    .select({ slot: timeSlots, doctor: doctors, clinic: clinics })
    .from(timeSlots)
    .innerJoin(doctors, eq(doctors.id, timeSlots.doctorId))
    .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
    .where(eq(timeSlots.id, input.slotId));
  if (!row) return null;
  const priced = await reservationProduct.price(db, { kind: "reservation", slotId: input.slotId }, input.now ?? new Date());
  return {
    slotId: row.slot.id,
    startsAt: row.slot.startsAt,
    doctor: { id: row.doctor.id, name: row.doctor.name, title: row.doctor.title },
    clinic: { name: row.clinic.name, address: row.clinic.address },
    feeRial: row.doctor.visitFeeRial,
    walletBalanceRial: await walletBalance(db, input.userId),
    unavailable: priced.ok ? null : priced.error,
    bookedByYou: priced.ok ? false : await holdsSlot(db, input.slotId, input.userId),
  };
}

async function holdsSlot(db: Db, slotId: string, patientId: string): Promise<boolean> {
  const [own] = await db
    .select({ id: reservations.id })
    .from(reservations)
    .where(and(eq(reservations.slotId, slotId), eq(reservations.patientId, patientId), ne(reservations.status, "cancelled")));
  return Boolean(own);
}
