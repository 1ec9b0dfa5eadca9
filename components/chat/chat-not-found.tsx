import Link from "next/link";
import { messages } from "@/lib/i18n/messages";

/** A conversation that does not exist and one the viewer may not see look the same. */
export function ChatNotFound({ backHref, backLabel }: { backHref: string; backLabel: string }) {
  return (
    <div className="card stack narrow-page">
      <h1>{messages.chat.errors.not_found}</h1>
      <Link className="button secondary" href={backHref}>
        {backLabel}
      </Link>
    </div>
  );
}
