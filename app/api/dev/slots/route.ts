import { z } from "zod";
import { db } from "@/db/client";
import { addExtraSlot } from "@/lib/booking/extra-slot";
import { config } from "@/lib/config";

export const dynamic = "force-dynamic";

const body = z.object({
  doctorId: z.uuid(),
  startsInMinutes: z
    .number()
    .int()
    .min(5)
    .max(60 * 24 * 30),
  minutes: z.number().int().min(5).max(240).default(30),
});

/** Test support, like the sandbox's control endpoint and only where the sandbox gateway runs (never with real
 * money): POST {doctorId, startsInMinutes} opens one extra slot that far ahead. */
export async function POST(request: Request) {
  if (!config().devTools.sandbox) return new Response(null, { status: 404 });
  const parsed = body.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: "invalid body" }, { status: 400 });
  const { doctorId, startsInMinutes, minutes } = parsed.data;
  const added = await addExtraSlot(db(), { doctorId, startsAt: new Date(Date.now() + startsInMinutes * 60_000), minutes });
  if (!added.ok) return Response.json({ error: added.error.code }, { status: added.error.code === "doctor_not_found" ? 404 : 409 });
  return Response.json(added.value, { status: 201, headers: { "cache-control": "no-store" } });
}
