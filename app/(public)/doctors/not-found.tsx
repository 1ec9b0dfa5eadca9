import Link from "next/link";
import { messages } from "@/lib/i18n/messages";

const t = messages.directory.profile;

export default function DoctorNotFound() {
  return (
    <div className="card stack">
      <h1>{t.notFoundTitle}</h1>
      <p>{t.notFoundBody}</p>
      <p>
        <Link href="/doctors">{t.backToSearch}</Link>
      </p>
    </div>
  );
}
