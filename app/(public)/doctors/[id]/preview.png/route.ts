import { db } from "@/db/client";
import { doctorIdSchema, doctorProfile } from "@/lib/directory/doctor-directory";
import { messages } from "@/lib/i18n/messages";
import { doctorPreviewImage } from "@/lib/seo/doctor-preview-image";

/** GET /doctors/{id}/preview.png — the doctor's link-preview card (og:image, twitter:image). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const parsed = doctorIdSchema.safeParse((await params).id);
  const doctor = parsed.success ? await doctorProfile(db(), parsed.data) : null;
  if (!doctor)
    return new Response(messages.directory.profile.notFoundTitle, {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  const png = await doctorPreviewImage({
    name: doctor.name,
    specialty: doctor.specialty,
    clinic: doctor.clinic.name,
    city: doctor.clinic.city,
    appName: messages.common.appName,
  });
  return new Response(new Uint8Array(png), {
    headers: {
      "Content-Type": "image/png",
      // Previews are fetched by chat apps and crawlers; an hour is fresh enough for a name or clinic change.
      "Cache-Control": "public, max-age=3600, stale-while-revalidate=86400",
    },
  });
}
