import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { DemoBanner } from "@/components/layout/demo-banner";
import { SiteHeader } from "@/components/layout/site-header";
import { QueryProvider } from "@/components/providers/query-provider";
import { db } from "@/db/client";
import { currentUser } from "@/lib/auth/current-user";
import { unreadChatCount } from "@/lib/chat/chat-unread";
import { unreadNotificationCount } from "@/lib/notifications/inbox";
import { config } from "@/lib/config";
import { messages } from "@/lib/i18n/messages";
import { signOutAction } from "./actions/sign-out";
import { vazirmatn } from "./fonts";
import "./globals.css";

/** Defaults every page inherits: absolute URLs from APP_URL (canonical links and previews must name the public
 * origin), Persian Open Graph, and the web app manifest. Pages add their own title, canonical and image. */
export function generateMetadata(): Metadata {
  const title = `${messages.common.appName} — ${messages.common.tagline}`;
  return {
    metadataBase: new URL(`${config().appUrl}/`),
    title: { default: title, template: `%s | ${messages.common.appName}` },
    description: messages.seo.description,
    applicationName: messages.common.appName,
    openGraph: { type: "website", locale: "fa_IR", siteName: messages.common.appName, title, description: messages.seo.description },
    twitter: { card: "summary", title, description: messages.seo.description },
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#0f766e" };

/** Decided per request, never at build time: one build serves both demo and real servers. */
async function DemoBannerOnDemoServer() {
  await connection();
  return config().demoMode ? <DemoBanner /> : null;
}

/** The header of every page, with who is signed in and their unread chats read per request. */
async function Header() {
  const user = await currentUser();
  const [unreadChats, unreadMessages] = user
    ? await Promise.all([unreadChatCount(db(), user), unreadNotificationCount(db(), user.userId)])
    : [0, 0];
  return <SiteHeader user={user} unreadChats={unreadChats} unreadMessages={unreadMessages} signOutAction={signOutAction} />;
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
          <Header />
          <main id="main" className="container">
            {children}
          </main>
        </QueryProvider>
      </body>
    </html>
  );
}
