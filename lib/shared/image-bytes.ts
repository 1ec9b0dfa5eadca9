import { createHash } from "node:crypto";
import sharp, { type Sharp } from "sharp";

/** What every uploaded picture goes through, whatever it is for (a chat photo, a doctor's photo): its type is
 * read from its first bytes, never from its name or the type the browser claims, and it is decoded and
 * re-encoded by sharp, which drops EXIF (GPS included) and anything hidden after the pixels. */

export type ImageType = "jpeg" | "png" | "webp" | "heif";

/** A decompression bomb (a tiny PNG claiming 100k×100k pixels) is refused before it is decoded. */
const MAX_INPUT_PIXELS = 50_000_000;

export const startsWithAscii = (bytes: Buffer, ascii: string, at = 0) => bytes.subarray(at, at + ascii.length).toString("latin1") === ascii;

/** The image type the first bytes say, or null for anything that is not one of the pictures we take. */
export function sniffImageType(bytes: Buffer): ImageType | null {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (startsWithAscii(bytes, "\x89PNG\r\n\x1a\n")) return "png";
  if (startsWithAscii(bytes, "RIFF") && startsWithAscii(bytes, "WEBP", 8)) return "webp";
  // ISO base media (HEIC/HEIF/AVIF): a `ftyp` box first, whose brand names the family.
  if (startsWithAscii(bytes, "ftyp", 4) && /^(hei[cmsx]|hev[cmsx]|mif1|msf1|avif|avis)$/.test(bytes.subarray(8, 12).toString("latin1")))
    return "heif";
  return null;
}

export const sha256Of = (content: Buffer) => createHash("sha256").update(content).digest("hex");

/** Decodes the picture once and encodes each variant from it; null when sharp cannot decode it (a truncated
 * or corrupt file, a forged header, a bomb). rotate() applies the EXIF orientation to the pixels; the output
 * carries no metadata at all (sharp writes EXIF, XMP, IPTC or ICC only when asked, and we never ask). */
export async function reencodeImage(bytes: Buffer, variants: readonly ((decoded: Sharp) => Sharp)[]): Promise<Buffer[] | null> {
  try {
    const decoded = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" }).rotate();
    return await Promise.all(variants.map((variant) => variant(decoded.clone()).toBuffer()));
  } catch {
    return null;
  }
}
