import Link from "next/link";
import { messages } from "@/lib/i18n/messages";

const t = messages.common;

/** What forbidden() shows, with HTTP 403: signed in, but this page is not for their role. */
export default function Forbidden() {
  return (
    <div className="card stack notice-card" data-testid="forbidden">
      <h1>{t.forbiddenTitle}</h1>
      <p>{t.forbiddenBody}</p>
      <Link className="button" href="/">
        {t.backHome}
      </Link>
    </div>
  );
}
