import type { MetadataRoute } from "next";
import { connection } from "next/server";
import { db } from "@/db/client";
import { doctorSitemapEntries } from "@/lib/directory/doctor-directory";
import { absoluteUrl, doctorPath } from "@/lib/seo/site-urls";

/** Home, the search page and every doctor page (how most patients arrive). Read per request: a doctor added by a
 * clinic is listed at once, and the build needs no database. */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  await connection();
  const doctors = await doctorSitemapEntries(db());
  return [
    { url: absoluteUrl("/"), changeFrequency: "daily", priority: 1 },
    { url: absoluteUrl("/doctors"), changeFrequency: "daily", priority: 0.8 },
    ...doctors.map((d) => ({
      url: absoluteUrl(doctorPath(d.id)),
      lastModified: d.createdAt,
      changeFrequency: "daily" as const,
      priority: 0.9,
    })),
  ];
}
