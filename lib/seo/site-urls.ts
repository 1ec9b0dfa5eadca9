import { config } from "@/lib/config";

/** Absolute URLs for crawlers and link previews: canonical links, the sitemap and Open Graph need the public
 * origin, which only APP_URL knows (behind a proxy the request's own Host may be an internal name). */
export function absoluteUrl(path: string): string {
  return new URL(path, `${config().appUrl}/`).toString();
}

export const doctorPath = (id: string) => `/doctors/${id}`;
