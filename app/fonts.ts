import localFont from "next/font/local";

/** Vazirmatn from the npm package: served by the app itself, no font CDN. */
export const vazirmatn = localFont({
  src: [
    { path: "../node_modules/vazirmatn/fonts/webfonts/Vazirmatn-Regular.woff2", weight: "400", style: "normal" },
    { path: "../node_modules/vazirmatn/fonts/webfonts/Vazirmatn-Medium.woff2", weight: "500", style: "normal" },
    { path: "../node_modules/vazirmatn/fonts/webfonts/Vazirmatn-Bold.woff2", weight: "700", style: "normal" },
  ],
  display: "swap",
  variable: "--font-vazirmatn",
  fallback: ["Tahoma", "system-ui", "sans-serif"],
});
