"use client";

import { persianNumber } from "@/lib/i18n/format";
import { latinDigits } from "@/lib/i18n/normalize";
import { parseClock } from "@/lib/i18n/clock";

/** A 24-hour time of day shown in Persian digits (۰۹:۳۰) whatever the browser's locale — a native time
 * input follows the device and showed "09:00 AN" on a Persian page. Typing accepts Persian or Latin digits
 * and shorthand (930, 9.30); leaving the field tidies it. The form gets "HH:MM" in a hidden input, or what
 * was typed when it is not a time, so the server's validation names the day. */
export function ClockField({
  name,
  label,
  value,
  onChange,
}: {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const parsed = parseClock(value);
  return (
    <>
      <input
        type="text"
        inputMode="numeric"
        autoComplete="off"
        dir="ltr"
        className="input clock"
        placeholder="۰۹:۰۰"
        maxLength={5}
        value={persianNumber(value)}
        onChange={(e) => onChange(latinDigits(e.target.value))}
        onBlur={() => {
          if (parsed && parsed !== value) onChange(parsed);
        }}
        aria-label={label}
        aria-invalid={value !== "" && !parsed ? true : undefined}
      />
      <input type="hidden" name={name} value={value === "" ? "" : (parsed ?? value)} />
    </>
  );
}
