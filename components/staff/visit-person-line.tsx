import { visitForText, visitPersonFacts, type VisitPerson } from "@/lib/patients/visit-for-text";

/** Whom a visit is for, in one short line that wraps on a phone: "برای: سارا احمدی (فرزند) · کد ملی …" for a
 * family member, "۳۵ ساله · زن · کد ملی …" for the account holder. Nothing when nothing is known. */
export function VisitPersonLine({ person, paragraph = false }: { person: VisitPerson; paragraph?: boolean }) {
  const forText = visitForText(person);
  const facts = visitPersonFacts(person);
  if (!forText && !facts) return null;
  const Line = paragraph ? "p" : "span";
  return (
    <Line className="visit-person">
      {forText ? <span data-testid="visit-for">{forText}</span> : null}
      {forText && facts ? " · " : null}
      {facts ? (
        <span className="muted" data-testid="visit-person-facts">
          {facts}
        </span>
      ) : null}
    </Line>
  );
}
