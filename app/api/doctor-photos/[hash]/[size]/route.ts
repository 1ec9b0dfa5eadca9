import { db } from "@/db/client";
import { doctorPhotoBytes } from "@/lib/directory/doctor-photo-bytes";
import { photoSizeOf } from "@/lib/directory/doctor-photos";
import { messages } from "@/lib/i18n/messages";
import { USER_FILE_CSP } from "@/lib/security/security-headers";

/** A doctor's photo, public like the doctor pages. The address names the content (SHA-256 of the largest
 * size), so the bytes behind it never change: browsers and CDNs may keep it for a year. The type is ours (WebP
 * re-encoded by sharp) and nosniff forbids guessing another; the CSP keeps it from acting as a page. */

type Params = { params: Promise<{ hash: string; size: string }> };

export async function GET(_request: Request, { params }: Params) {
  const { hash, size } = await params;
  const variant = photoSizeOf(size);
  const content = variant ? await doctorPhotoBytes(db(), hash, variant) : null;
  if (!content) return Response.json({ error: messages.common.notFoundTitle }, { status: 404, headers: { "cache-control": "no-store" } });
  return new Response(new Uint8Array(content), {
    headers: {
      "content-type": "image/webp",
      "content-length": String(content.length),
      "cache-control": "public, max-age=31536000, immutable",
      etag: `"${hash}-${variant}"`,
      "x-content-type-options": "nosniff",
      "content-security-policy": USER_FILE_CSP,
      "cross-origin-resource-policy": "same-origin",
    },
  });
}
