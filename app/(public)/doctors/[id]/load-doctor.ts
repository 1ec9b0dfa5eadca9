import "server-only";
import { connection } from "next/server";
import { cache } from "react";
import { db } from "@/db/client";
import { doctorIdSchema, doctorProfile } from "@/lib/directory/doctor-directory";

/** The doctor a /doctors/[id] address names, or null; one query per request, shared by the layout, the
 * metadata and the page. */
export const loadDoctor = cache(async (id: string) => {
  await connection();
  const parsed = doctorIdSchema.safeParse(id);
  return parsed.success ? doctorProfile(db(), parsed.data) : null;
});
