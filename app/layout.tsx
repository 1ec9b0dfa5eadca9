import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { DemoBanner } from "@/components/layout/demo-banner";
import { SiteHeader } from "@/components/layout/site-header";
import { QueryProvider } from "@/components/providers/query-provider";
import { config } from "@/lib/config";
import { messages } from "@/lib/i18n/messages";
import { vazirmatn } from "./fonts";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: `${messages.common.appName} — ${messages.common.tagline}`, template: `%s | ${messages.common.appName}` },
  description: messages.common.tagline,
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#0f766e" };

/** Decided per request, never at build time: one build serves both demo and real servers. */
async function DemoBannerOnDemoServer() {
  await connection();
  return config().demoMode ? <DemoBanner /> : null;
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="fa" dir="rtl" className={vazirmatn.variable}>
      <body>
        <QueryProvider>
          <a className="skip-link" href="#main">
            {messages.common.skipToContent}
          </a>
          <DemoBannerOnDemoServer />
          <SiteHeader />
          <main id="main" className="container">
            {children}
          </main>
        </QueryProvider>
      </body>
    </html>
  );
}
