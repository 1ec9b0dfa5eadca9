import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { doctorPhotos } from "@/db/schema";
import type { PhotoSize } from "./doctor-photos";

/** One size of a stored doctor photo, or null for a hash we do not hold. Public: doctor pages are. */
export async function doctorPhotoBytes(db: Db, sha256: string, size: PhotoSize): Promise<Buffer | null> {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
  const [row] = await db.select({ content: doctorPhotos[size] }).from(doctorPhotos).where(eq(doctorPhotos.sha256, sha256));
  return row?.content ?? null;
}
