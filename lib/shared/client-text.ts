/** Characters a client can send but no text of ours may hold: NUL and the other C0 controls except tab and
 * line breaks (Postgres refuses NUL in text, and none of them means anything on a Persian screen), DEL, and
 * UTF-16 halves without their partner (not encodable as UTF-8: the database driver would silently store U+FFFD).
 * Bidirectional marks (RLM, LRM, ZWNJ) are real Persian typing and stay. */
const UNSAFE_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Every text a client sent, before it is compared, stored or shown: drops the characters above. Dropped
 * rather than refused, so a stray control character pasted into a search box still searches. */
export function stripUnsafeChars(text: string): string {
  return text.replace(UNSAFE_CHARS, "");
}

/** The text fields of a server action's form, cleaned, each name with all its values. A server action is a
 * public endpoint that anyone can call with any arguments, so what arrives as "the FormData" may be a string, a
 * number or nothing: that reads as an empty form, which then fails the action's own validation like any
 * missing field. Files are ignored; no action takes one. */
export function formFields(formData: unknown): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  if (!(formData instanceof FormData)) return fields;
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string") continue;
    fields.set(key, [...(fields.get(key) ?? []), stripUnsafeChars(value)]);
  }
  return fields;
}

/** formFields with the first value of each field: what `Object.fromEntries(formData)` gives a well-formed form. */
export function formEntries(formData: unknown): Record<string, string> {
  return Object.fromEntries([...formFields(formData)].map(([key, values]) => [key, values[0]!]));
}
