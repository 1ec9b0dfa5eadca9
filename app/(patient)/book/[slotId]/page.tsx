import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { SlotAlreadyYours } from "@/components/booking/checkout/slot-already-yours";
import { SlotCheckout } from "@/components/booking/checkout/slot-checkout";
import { SlotUnavailable } from "@/components/booking/checkout/slot-unavailable";
import { db } from "@/db/client";
import { requireUser } from "@/lib/auth/current-user";
import { reservationCheckoutView } from "@/lib/checkout/checkout-view";
import { config } from "@/lib/config";
import { nearestFreeSlots } from "@/lib/directory/doctor-slots";
import { messages } from "@/lib/i18n/messages";
import { checkoutPersonOptions } from "@/lib/patients/checkout-person";
import { payForSlotAction } from "./actions";

/** How many of the doctor's nearest free times a taken slot offers instead. */
const ALTERNATIVES = 6;

export const metadata: Metadata = { title: messages.payment.checkoutTitle };

export default async function CheckoutPage({ params }: { params: Promise<{ slotId: string }> }) {
  const { slotId } = await params;
  if (!z.uuid().safeParse(slotId).success) notFound();
  const user = await requireUser(`/book/${slotId}`);
  const view = await reservationCheckoutView(db(), { slotId, userId: user.userId });
  if (!view) notFound();
  if (view.bookedByYou) return <SlotAlreadyYours view={view} />;
  if (view.unavailable) {
    const alternatives = await nearestFreeSlots(db(), { doctorId: view.doctor.id, around: view.startsAt, limit: ALTERNATIVES });
    return <SlotUnavailable view={view} unavailable={view.unavailable} alternatives={alternatives} />;
  }
  const person = { ...(await checkoutPersonOptions(db(), user.userId)), heading: "visit" as const };
  return <SlotCheckout view={view} person={person} pay={payForSlotAction} cancelFullRefundHours={config().cancelFullRefundHours} />;
}
