import type { ReactNode } from "react";
import { CardSection } from "@/components/ui/card-section";
import type { StaffAction } from "./action-state";
import { StaffActionForm } from "./staff-action-form";

/** A titled card holding one staff form: the heading (`id` names it), a hint, the form's fields and its button. */
export function StaffActionCard({
  id,
  title,
  hint,
  action,
  submitLabel,
  hidden,
  formClassName,
  children,
}: {
  id: string;
  title: string;
  hint: string;
  action: StaffAction;
  submitLabel: string;
  hidden?: Record<string, string>;
  formClassName?: string;
  children: ReactNode;
}) {
  return (
    <CardSection id={id} title={title} hint={hint}>
      <StaffActionForm action={action} hidden={hidden} submitLabel={submitLabel} className={formClassName}>
        {children}
      </StaffActionForm>
    </CardSection>
  );
}
