import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/layout/site-header";
import { QueryProvider } from "@/components/providers/query-provider";
import { db } from "@/db/client";
import { currentUser } from "@/lib/auth/current-user";
import { unreadChatCount } from "@/lib/chat/chat-unread";
import { messages } from "@/lib/i18n/messages";
import { signOutAction } from "./actions/sign-out";
import { vazirmatn } from "./fonts";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: `${messages.common.appName} — ${messages.common.tagline}`, template: `%s | ${messages.common.appName}` },
  description: messages.common.tagline,
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#0f766e" };

/** The header of every page, with who is signed in and their unread chats read per request. */
async function Header() {
  const user = await currentUser();
  const unreadChats = user ? await unreadChatCount(db(), user) : 0;
  return <SiteHeader user={user} unreadChats={unreadChats} signOutAction={signOutAction} />;
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="fa" dir="rtl" className={vazirmatn.variable}>
      <body>
        <QueryProvider>
          <a className="skip-link" href="#main">
            {messages.common.skipToContent}
          </a>
          <Header />
          <main id="main" className="container">
            {children}
          </main>
        </QueryProvider>
      </body>
    </html>
  );
}
