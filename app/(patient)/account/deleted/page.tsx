import type { Metadata } from "next";
import Link from "next/link";
import { messages } from "@/lib/i18n/messages";

const t = messages.privacy;

export const metadata: Metadata = { title: t.deletedTitle };

export default function AccountDeletedPage() {
  return (
    <div className="stack">
      <h1>{t.deletedTitle}</h1>
      <p className="alert success" role="status">
        {t.deletedBody}
      </p>
      <Link className="button" href="/">
        {t.home}
      </Link>
    </div>
  );
}
