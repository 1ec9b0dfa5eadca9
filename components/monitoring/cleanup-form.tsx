import type { StaffAction } from "@/components/staff/action-state";
import { StaffActionCard } from "@/components/staff/staff-action-card";
import { messages } from "@/lib/i18n/messages";

const t = messages.ops;

/** Platform admin only: run the clean-up (settle or abandon old open payments, expire chats) now, or as a dry run. */
export function CleanupForm({ action }: { action: StaffAction }) {
  return (
    <StaffActionCard id="cleanup-title" title={t.cleanupTitle} hint={t.cleanupHint} action={action} submitLabel={t.cleanupRun}>
      <div className="row">
        <div className="field">
          <label htmlFor="cleanup-hours">{t.cleanupHours}</label>
          <input id="cleanup-hours" name="hours" className="input ltr" inputMode="decimal" defaultValue="2" required />
        </div>
        <label className="choice">
          <input type="checkbox" name="dryRun" value="1" />
          {t.cleanupDryRun}
        </label>
      </div>
    </StaffActionCard>
  );
}
