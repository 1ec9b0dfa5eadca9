import { latinDigits } from "@/lib/i18n/normalize";
import { persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { err, ok, type Result } from "@/lib/shared/result";
import { TEHRAN } from "@/lib/time/tehran";
import { parseNationalCode } from "./national-code";

const e = messages.profile.errors;

export const SEXES = ["female", "male"] as const;
export const RELATIONS = ["child", "spouse", "parent", "sibling", "other"] as const;
export type Sex = (typeof SEXES)[number];
export type Relation = (typeof RELATIONS)[number];

export type FieldErrors = Record<string, string>;
export type InputError = { code: "invalid_input"; fieldErrors: FieldErrors };

export type PersonName = { firstName: string; lastName: string };
export type ProfileInput = PersonName & { nationalCode: string | null; birthYear: number | null; sex: Sex | null };
export type MemberInput = PersonName & { nationalCode: string; relation: Relation };

type Raw = Record<string, unknown>;
const text = (raw: Raw, key: string) => (typeof raw[key] === "string" ? (raw[key] as string) : "");

/** Letters (any script), marks, spaces, the zero-width non-joiner, hyphen and apostrophe; no digits. */
const NAME = /^[\p{L}\p{M}\u200c' -]{1,40}$/u;

function nameField(raw: Raw, key: keyof PersonName, errors: FieldErrors): string {
  const value = text(raw, key).replace(/\s+/g, " ").trim();
  if (!value) errors[key] = key === "firstName" ? e.firstNameRequired : e.lastNameRequired;
  else if (!NAME.test(value)) errors[key] = e.nameInvalid;
  return value;
}

function nationalCodeField(raw: Raw, required: boolean, errors: FieldErrors): string | null {
  const typed = text(raw, "nationalCode").trim();
  if (!typed) {
    if (required) errors.nationalCode = e.nationalCodeRequired;
    return null;
  }
  const parsed = parseNationalCode(typed);
  if (parsed.ok) return parsed.value;
  errors.nationalCode = parsed.error.code === "national_code_length" ? e.nationalCodeLength : e.nationalCodeInvalid;
  return null;
}

const yearFormat = new Intl.DateTimeFormat("en-US-u-ca-persian-nu-latn", { timeZone: TEHRAN, year: "numeric" });
/** The current Jalali year in Tehran. */
export const jalaliYear = (now: Date) => Number.parseInt(yearFormat.format(now), 10);

export function parseName(raw: Raw): Result<PersonName, InputError> {
  const errors: FieldErrors = {};
  const name = { firstName: nameField(raw, "firstName", errors), lastName: nameField(raw, "lastName", errors) };
  return Object.keys(errors).length ? err({ code: "invalid_input", fieldErrors: errors }) : ok(name);
}

export function parseProfile(raw: Raw, now = new Date()): Result<ProfileInput, InputError> {
  const errors: FieldErrors = {};
  const firstName = nameField(raw, "firstName", errors);
  const lastName = nameField(raw, "lastName", errors);
  const nationalCode = nationalCodeField(raw, false, errors);
  const yearText = latinDigits(text(raw, "birthYear")).trim();
  const maxYear = jalaliYear(now);
  let birthYear: number | null = null;
  if (yearText) {
    birthYear = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
    if (!(birthYear >= 1300 && birthYear <= maxYear)) errors.birthYear = e.birthYearInvalid(persianNumber(String(maxYear)));
  }
  const sexText = text(raw, "sex");
  if (sexText && !SEXES.includes(sexText as Sex)) errors.sex = e.sexInvalid;
  if (Object.keys(errors).length) return err({ code: "invalid_input", fieldErrors: errors });
  return ok({ firstName, lastName, nationalCode, birthYear, sex: sexText ? (sexText as Sex) : null });
}

export function parseMember(raw: Raw): Result<MemberInput, InputError> {
  const errors: FieldErrors = {};
  const firstName = nameField(raw, "firstName", errors);
  const lastName = nameField(raw, "lastName", errors);
  const nationalCode = nationalCodeField(raw, true, errors);
  const relation = text(raw, "relation");
  if (!RELATIONS.includes(relation as Relation)) errors.relation = e.relationInvalid;
  if (Object.keys(errors).length || !nationalCode) return err({ code: "invalid_input", fieldErrors: errors });
  return ok({ firstName, lastName, nationalCode, relation: relation as Relation });
}
