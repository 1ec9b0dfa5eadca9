import { db } from "@/db/client";
import { doctorIdSchema } from "@/lib/directory/doctor-directory";
import { doctorFreeSlots, slotDaysJson } from "@/lib/directory/doctor-slots";

const notFound = () => Response.json({ error: "doctor not found" }, { status: 404 });

/** The doctor's free slots for the next 14 Tehran days, grouped by day. Never cached: slots are taken all the time. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const parsed = doctorIdSchema.safeParse((await params).id);
  if (!parsed.success) return notFound();
  const days = await doctorFreeSlots(db(), { doctorId: parsed.data });
  if (!days) return notFound();
  return Response.json(slotDaysJson(days), { headers: { "cache-control": "no-store" } });
}
