import { messages } from "@/lib/i18n/messages";
import type { StaffAction } from "./action-state";
import { StaffActionCard } from "./staff-action-card";

const t = messages.staff.refunds;

/** Platform admin only: credit or debit a patient's wallet by phone number, with the reason written to the audit log. */
export function WalletAdjustForm({ action }: { action: StaffAction }) {
  return (
    <StaffActionCard id="adjust-title" title={t.adjustTitle} hint={t.adjustHint} action={action} submitLabel={t.adjust}>
      <div className="filters">
        <div className="field">
          <label htmlFor="adjust-phone">{t.phone}</label>
          <input id="adjust-phone" name="phone" className="input ltr" inputMode="tel" required />
        </div>
        <div className="field">
          <label htmlFor="adjust-amount">{t.amount}</label>
          <input id="adjust-amount" name="amount" className="input ltr" inputMode="numeric" required />
        </div>
        <div className="field full-row">
          <label htmlFor="adjust-reason">{t.adjustReason}</label>
          <textarea id="adjust-reason" name="reason" className="input" rows={2} maxLength={500} required />
        </div>
      </div>
    </StaffActionCard>
  );
}
