import { database } from "@/db/client";
import { doctorIdSchema } from "@/lib/directory/doctor-directory";
import { publicReads } from "@/lib/public-cache/public-reads";

const notFound = () => Response.json({ error: "doctor not found" }, { status: 404 });

/** The doctor's free slots for the next 14 Tehran days, grouped by day. Kept by this instance until a write
 * to the doctor's slots or reservations (lib/public-cache); never by the browser or a proxy. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const parsed = doctorIdSchema.safeParse((await params).id);
  if (!parsed.success) return notFound();
  const json = await publicReads(database()).freeSlotsJson(parsed.data);
  if (!json) return notFound();
  return new Response(json.body, { headers: { "content-type": "application/json", "cache-control": "no-store" } });
}
