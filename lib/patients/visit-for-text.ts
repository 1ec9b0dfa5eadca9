import { messages } from "@/lib/i18n/messages";

export type VisitFor = { forName: string | null; forRelation: string | null };

/** "برای: مریم احمدی (فرزند)", or null when the visit is for the patient themself. */
export function visitForText(item: VisitFor): string | null {
  if (!item.forName) return null;
  const t = messages.profile;
  return t.visitFor(item.forName, (item.forRelation && t.relations[item.forRelation]) || t.relations.other!);
}
