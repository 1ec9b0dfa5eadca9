import Link from "next/link";
import { messages } from "@/lib/i18n/messages";

const t = messages.common;

export default function NotFound() {
  return (
    <div className="card stack notice-card">
      <h1>{t.notFoundTitle}</h1>
      <p>{t.notFoundBody}</p>
      <Link className="button" href="/">
        {t.backHome}
      </Link>
    </div>
  );
}
