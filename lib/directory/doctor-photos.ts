/** Doctor photos as patients' pages use them: WebP squares of three sizes, at an address that names their
 * content (the SHA-256 of the largest), so it can be cached for a year and changes with the photo. No sharp
 * here: the picker in the browser reads the limits from this file. */

export const PHOTO_SIZES = { small: 96, medium: 256, large: 512 } as const;
export type PhotoSize = keyof typeof PHOTO_SIZES;

export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
/** What the picker offers; the server decides by content anyway. */
export const PHOTO_ACCEPT = "image/jpeg,image/png,image/webp";

export const photoSizeOf = (text: string): PhotoSize | null => (Object.hasOwn(PHOTO_SIZES, text) ? (text as PhotoSize) : null);

export const doctorPhotoUrl = (sha256: string, size: PhotoSize) => `/api/doctor-photos/${sha256}/${size}`;
