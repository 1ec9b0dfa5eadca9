import { database } from "@/db/client";
import { doctorIdSchema } from "@/lib/directory/doctor-directory";
import { slotDaysJson } from "@/lib/directory/doctor-slots";
import { publicReads } from "@/lib/public-cache/public-reads";

const notFound = () => Response.json({ error: "doctor not found" }, { status: 404 });

/** The doctor's free slots for the next 14 Tehran days, grouped by day. Kept by this instance until a write
 * to the doctor's slots or reservations (lib/public-cache); never by the browser or a proxy. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const parsed = doctorIdSchema.safeParse((await params).id);
  if (!parsed.success) return notFound();
  const days = await publicReads(database()).freeSlots(parsed.data);
  if (!days) return notFound();
  return Response.json(slotDaysJson(days), { headers: { "cache-control": "no-store" } });
}
