import { doctorPhotoUrl, PHOTO_SIZES, type PhotoSize } from "@/lib/directory/doctor-photos";
import { messages } from "@/lib/i18n/messages";

/** A doctor's photo at `size`, with the twice-as-large file for sharp screens; nothing when there is none. */
export function DoctorPhoto({ sha256, name, size, shown }: { sha256: string | null; name: string; size: PhotoSize; shown: number }) {
  if (!sha256) return null;
  const larger: PhotoSize | null = size === "small" ? "medium" : size === "medium" ? "large" : null;
  return (
    // A plain <img>: the bytes are already small WebP squares at a content-hashed address (next/image would
    // re-encode them again per request).
    // eslint-disable-next-line @next/next/no-img-element
    <img
      className="doctor-photo"
      src={doctorPhotoUrl(sha256, size)}
      srcSet={
        larger
          ? `${doctorPhotoUrl(sha256, size)} ${PHOTO_SIZES[size]}w, ${doctorPhotoUrl(sha256, larger)} ${PHOTO_SIZES[larger]}w`
          : undefined
      }
      sizes={`${shown}px`}
      width={shown}
      height={shown}
      alt={messages.clinicAdmin.profile.photoAlt(name)}
      loading="lazy"
      decoding="async"
      data-testid="doctor-photo"
    />
  );
}
