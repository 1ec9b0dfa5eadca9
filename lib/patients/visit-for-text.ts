import { persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";

export type VisitFor = { forName: string | null; forRelation: string | null };

/** Whom a visit is for, as the doctor and staff of its clinic see them (visit-for.ts builds it). */
export type VisitPerson = VisitFor & { age: number | null; sex: "female" | "male" | null; nationalCode: string | null };

/** "برای: مریم احمدی (فرزند)", or null when the visit is for the patient themself. */
export function visitForText(item: VisitFor): string | null {
  if (!item.forName) return null;
  const t = messages.profile;
  return t.visitFor(item.forName, (item.forRelation && t.relations[item.forRelation]) || t.relations.other!);
}

/** "۳۵ ساله · زن · کد ملی ۰۰۱۲۳۴۵۶۷۹" — what is known of the person, or null when nothing is. */
export function visitPersonFacts(person: VisitPerson): string | null {
  const t = messages.profile;
  const facts = [
    person.age === null ? null : t.age(persianNumber(person.age)),
    person.sex ? t.sexes[person.sex] : null,
    person.nationalCode ? t.nationalCodeShown(persianNumber(person.nationalCode)) : null,
  ].filter(Boolean);
  return facts.length ? facts.join(" · ") : null;
}
