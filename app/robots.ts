import type { MetadataRoute } from "next";
import { connection } from "next/server";
import { absoluteUrl } from "@/lib/seo/site-urls";

/** Home, search and doctor pages are for search engines; dashboards, payment, sign-in codes and the sandbox are
 * not. `/doctor` (the doctor's own dashboard) is disallowed with its exact path and its subtree only: a plain
 * `Disallow: /doctor` prefix would also hide every public `/doctors/…` page. */
export default async function robots(): Promise<MetadataRoute.Robots> {
  await connection(); // the sitemap's address comes from APP_URL at run time, not at build time
  return {
    rules: {
      userAgent: "*",
      allow: ["/", "/doctors"],
      disallow: [
        "/api/",
        "/sandbox/",
        "/dev/",
        "/staff",
        "/doctor$",
        "/doctor/",
        "/pay/",
        "/book/",
        "/appointments",
        "/wallet",
        "/payments",
        "/chats",
        "/*/chat$",
      ],
    },
    sitemap: absoluteUrl("/sitemap.xml"),
  };
}
