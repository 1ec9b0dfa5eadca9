import { persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import type { Monitoring } from "@/lib/ops/monitoring";

const t = messages.ops;

/** Platform admin only: reservations and chat requests without a verified payment (there must be none);
 * green at zero, red with a sample of ids otherwise. */
export function GhostRecordsPanel({ ghosts }: { ghosts: NonNullable<Monitoring["ghosts"]> }) {
  const alarm = ghosts.total > 0;
  return (
    <section className={alarm ? "card ghost alarm" : "card ghost ok"} aria-labelledby="ghost-title" data-testid="ghost-records">
      <h2 id="ghost-title">{t.ghostTitle}</h2>
      <p className="ghost-count" data-value={ghosts.total}>
        <strong>{persianNumber(ghosts.total)}</strong> — {alarm ? t.ghostBad : t.ghostOk}
      </p>
      <p className="hint">{t.ghostHint}</p>
      {alarm ? (
        <>
          <p>{t.ghostCount(ghosts.reservations, ghosts.chatRequests)}</p>
          <ul dir="ltr">
            {ghosts.sample.map((g) => (
              <li key={g.id}>
                {g.kind} {g.id}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
