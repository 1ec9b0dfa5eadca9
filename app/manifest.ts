import type { MetadataRoute } from "next";
import { messages } from "@/lib/i18n/messages";

/** The web app manifest: Persian, right-to-left, installable on a phone's home screen. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: `${messages.common.appName} — ${messages.common.tagline}`,
    short_name: messages.seo.shortName,
    description: messages.seo.description,
    lang: "fa",
    dir: "rtl",
    start_url: "/",
    scope: "/",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: "#0f766e",
    icons: [
      { src: "/icon.svg", type: "image/svg+xml", sizes: "any", purpose: "any" },
      { src: "/icon-192.png", type: "image/png", sizes: "192x192", purpose: "any" },
      { src: "/icon-512.png", type: "image/png", sizes: "512x512", purpose: "maskable" },
    ],
  };
}
