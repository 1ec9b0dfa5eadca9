import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { doctors, type ChatTarget, type RescheduleTarget, type ReservationTarget } from "@/db/schema";
import type { CancelPolicy } from "@/lib/booking/cancellation";
import { reservationCheckoutView } from "./checkout-view";
import { rescheduleDifference } from "@/lib/booking/reschedule";
import { chatProduct } from "@/lib/chat/chat-product";
import type { ProductError } from "@/lib/payments/product";
import { walletBalance } from "@/lib/ledger/ledger";
import { shortfallTopupRial } from "@/lib/wallet/topup-amount";

/** A purchase waiting in its sealed intent while the patient tops up or chooses how to pay (the shortfall
 * and confirm screens): what it is, what it costs now and what the wallet lacks. */
export type PendingPurchaseView = {
  doctor: { id: string; name: string; title: string };
  visit: { startsAt: Date; clinicName: string; clinicAddress: string } | null;
  question: string | null;
  priceRial: number;
  walletBalanceRial: number;
  /** What the wallet lacks; 0 when it can pay. */
  shortfallRial: number;
  /** The top-up that lets the wallet pay (the shortfall, at least the top-up minimum); 0 when it can. */
  topupRial: number;
  /** Null while it can still be bought. */
  unavailable: ProductError | null;
};

/** Null when the slot or doctor no longer exists at all. */
export async function pendingPurchaseView(
  db: Db,
  input: {
    userId: string;
    target: ReservationTarget | ChatTarget | RescheduleTarget;
    minTopupRial: number;
    now?: Date;
    reschedulePolicy?: CancelPolicy;
  },
): Promise<PendingPurchaseView | null> {
  const now = input.now ?? new Date();
  const { target } = input;
  const base =
    target.kind === "reservation"
      ? await visitPart(db, input.userId, target, now)
      : target.kind === "reschedule"
        ? await movePart(db, input.userId, target, now, input.reschedulePolicy)
        : await chatPart(db, target, now);
  if (!base) return null;
  const walletBalanceRial = await walletBalance(db, input.userId);
  return {
    ...base,
    walletBalanceRial,
    shortfallRial: Math.max(0, base.priceRial - walletBalanceRial),
    topupRial: shortfallTopupRial(base.priceRial, walletBalanceRial, input.minTopupRial),
  };
}

type Part = Omit<PendingPurchaseView, "walletBalanceRial" | "shortfallRial" | "topupRial">;

async function visitPart(db: Db, userId: string, target: ReservationTarget, now: Date): Promise<Part | null> {
  const view = await reservationCheckoutView(db, { slotId: target.slotId, userId, now });
  if (!view) return null;
  return {
    doctor: view.doctor,
    visit: { startsAt: view.startsAt, clinicName: view.clinic.name, clinicAddress: view.clinic.address },
    question: null,
    priceRial: view.feeRial,
    unavailable: view.unavailable,
  };
}

/** A move to a dearer time: the new visit, priced at the difference still to pay. */
async function movePart(
  db: Db,
  userId: string,
  target: RescheduleTarget,
  now: Date,
  policy: CancelPolicy | undefined,
): Promise<Part | null> {
  if (!policy) throw new Error("pendingPurchaseView: a move's price needs the reschedule policy");
  const view = await reservationCheckoutView(db, { slotId: target.slotId, userId, now });
  if (!view) return null;
  const quote = await rescheduleDifference(db, target, { ...policy, now });
  return {
    doctor: view.doctor,
    visit: { startsAt: view.startsAt, clinicName: view.clinic.name, clinicAddress: view.clinic.address },
    question: null,
    priceRial: quote.ok ? quote.value.differenceRial : 0,
    unavailable: quote.ok ? null : { code: "reschedule_refused", reason: quote.error.code },
  };
}

async function chatPart(db: Db, target: ChatTarget, now: Date): Promise<Part | null> {
  const [doctor] = await db
    .select({ id: doctors.id, name: doctors.name, title: doctors.title, feeRial: doctors.chatFeeRial })
    .from(doctors)
    .where(eq(doctors.id, target.doctorId));
  if (!doctor) return null;
  const priced = await chatProduct.price(db, target, now);
  return {
    doctor: { id: doctor.id, name: doctor.name, title: doctor.title },
    visit: null,
    question: target.question,
    priceRial: doctor.feeRial,
    unavailable: priced.ok ? null : priced.error,
  };
}
