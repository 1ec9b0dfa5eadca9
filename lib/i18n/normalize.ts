import { stripUnsafeChars } from "@/lib/shared/client-text";

/** Folds the spellings a Persian speaker may type into one form: Arabic ي/ك, Persian and Arabic-Indic
 * digits, diacritics, tatweel and zero-width joiners. Used both for stored search text and for queries, so
 * every search service gets text that the database accepts whatever the caller passed. */
export function normalizePersian(text: string): string {
  return stripUnsafeChars(text)
    .normalize("NFC")
    .replace(/[يى]/g, "ی")
    .replace(/ك/g, "ک")
    .replace(/[ۀة]/g, "ه")
    .replace(/[أإآ]/g, "ا")
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u064B-\u065F\u0670\u0640]/g, "")
    .replace(/[\u200C\u200D\u200E\u200F]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/** Persian or Arabic-Indic digits to ASCII, nothing else touched. */
export function latinDigits(text: string): string {
  return text
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));
}
