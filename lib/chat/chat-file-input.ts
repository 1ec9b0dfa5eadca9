import type { Sharp } from "sharp";
import { reencodeImage, sha256Of, sniffImageType, startsWithAscii, type ImageType } from "@/lib/shared/image-bytes";
import { err, ok, type Result } from "@/lib/shared/result";
import { ATTACHMENT_MAX_BYTES } from "./chat-file-input-limits";

/** Files a patient or doctor sends in a chat are decided by their bytes, never by their name or the type the
 * browser claims: an image must decode, and is re-encoded (which drops EXIF — GPS included — and anything
 * hidden after the pixels); a PDF must look like one from its first byte to its last. */

export { ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_MB, ATTACHMENTS_PER_CHAT } from "./chat-file-input-limits";

/** The longest side of a stored photo: a phone photo of a lab sheet stays readable, and stops being 12 MP. */
const IMAGE_MAX_SIDE = 2560;
const THUMB_MAX_SIDE = 320;
const FILE_NAME_MAX = 100;

export type FileError =
  | { code: "empty" }
  | { code: "too_big" }
  | { code: "unsupported_type" }
  | { code: "heic_unsupported" }
  | { code: "broken_image" }
  | { code: "broken_pdf" };

export type StoredBlob = { sha256: string; content: Buffer };
export type PreparedFile = {
  kind: "image" | "pdf";
  contentType: "image/jpeg" | "application/pdf";
  fileName: string;
  file: StoredBlob;
  thumb: StoredBlob | null;
};

type Sniffed = ImageType | "pdf" | null;

/** The type the first bytes say, whatever the file is called. */
export function sniffFileType(bytes: Buffer): Sniffed {
  return sniffImageType(bytes) ?? (startsWithAscii(bytes, "%PDF-") ? "pdf" : null);
}

const blob = (content: Buffer): StoredBlob => ({ sha256: sha256Of(content), content });

/** A name safe to show and to put in Content-Disposition: no path, no control or bidi-override characters,
 * the extension of what we actually store. */
export function cleanFileName(original: string, kind: PreparedFile["kind"], fallback: string): string {
  const base = original
    .split(/[\\/]/)
    .at(-1)!
    .replace(/[\u0000-\u001F\u007F\u200E\u200F\u202A-\u202E\u2066-\u2069"]/g, "")
    .replace(/\.[^.]*$/, "")
    .trim()
    .slice(0, FILE_NAME_MAX);
  return `${base || fallback}.${kind === "image" ? "jpg" : "pdf"}`;
}

/** A PDF from header to trailer: `%PDF-x.y` first, a cross-reference pointer and `%%EOF` at the end. A file
 * that merely starts with `%PDF-` (a renamed script with a forged header) has no trailer. */
function isWellFormedPdf(bytes: Buffer): boolean {
  if (!/^%PDF-[12]\.\d/.test(bytes.subarray(0, 8).toString("latin1"))) return false;
  const tail = bytes.subarray(Math.max(0, bytes.length - 2048)).toString("latin1");
  return /startxref\s+\d+\s+%%EOF\s*$/.test(tail) && bytes.includes("obj");
}

async function prepareImage(bytes: Buffer): Promise<Result<{ file: StoredBlob; thumb: StoredBlob }, FileError>> {
  const encode = (side: number, quality: number) => (decoded: Sharp) =>
    decoded
      .resize(side, side, { fit: "inside", withoutEnlargement: true })
      .flatten({ background: "#ffffff" })
      .jpeg({ quality, mozjpeg: true });
  const encoded = await reencodeImage(bytes, [encode(IMAGE_MAX_SIDE, 85), encode(THUMB_MAX_SIDE, 70)]);
  if (!encoded) return err({ code: "broken_image" });
  return ok({ file: blob(encoded[0]!), thumb: blob(encoded[1]!) });
}

/** Checks and converts one uploaded file; the caller logs the error code and shows its Persian text. */
export async function prepareChatFile(
  bytes: Buffer,
  originalName: string,
  names: { image: string; pdf: string },
): Promise<Result<PreparedFile, FileError>> {
  if (bytes.length === 0) return err({ code: "empty" });
  if (bytes.length > ATTACHMENT_MAX_BYTES) return err({ code: "too_big" });
  const type = sniffFileType(bytes);
  if (type === null) return err({ code: "unsupported_type" });
  if (type === "pdf") {
    if (!isWellFormedPdf(bytes)) return err({ code: "broken_pdf" });
    return ok({
      kind: "pdf",
      contentType: "application/pdf",
      fileName: cleanFileName(originalName, "pdf", names.pdf),
      file: blob(bytes),
      thumb: null,
    });
  }
  const image = await prepareImage(bytes);
  // The sharp build we ship decodes AVIF but not HEVC-coded HEIC (patents); say so rather than "broken".
  if (!image.ok) return type === "heif" ? err({ code: "heic_unsupported" }) : image;
  return ok({ kind: "image", contentType: "image/jpeg", fileName: cleanFileName(originalName, "image", names.image), ...image.value });
}
