import "server-only";
import { connection } from "next/server";
import { cache } from "react";
import { database } from "@/db/client";
import { doctorIdSchema } from "@/lib/directory/doctor-directory";
import { publicReads } from "@/lib/public-cache/public-reads";

/** The doctor a /doctors/[id] address names, or null; read once per request (shared by the layout, the
 * metadata and the page) from the instance's public cache. */
export const loadDoctor = cache(async (id: string) => {
  await connection();
  const parsed = doctorIdSchema.safeParse(id);
  return parsed.success ? publicReads(database()).doctor(parsed.data) : null;
});
