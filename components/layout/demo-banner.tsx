import { messages } from "@/lib/i18n/messages";

/** On a demo server (DEMO_MODE=true) payments go to the sandbox and sign-in codes to a public outbox: every page
 * says so, so that nobody mistakes it for the real clinic. A landmark, so screen readers find it too. */
export function DemoBanner() {
  return (
    <aside className="demo-banner" aria-label={messages.common.demoBanner} data-testid="demo-banner">
      <p>{messages.common.demoBanner}</p>
    </aside>
  );
}
