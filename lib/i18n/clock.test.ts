import { describe, expect, it } from "vitest";
import { parseClock } from "./clock";

describe("parseClock", () => {
  it("reads 24-hour times in Persian or Latin digits, however they are typed", () => {
    for (const [typed, time] of [
      ["09:00", "09:00"],
      ["9:30", "09:30"],
      ["۹:۳۰", "09:30"],
      ["۲۰:۰۰", "20:00"],
      ["0930", "09:30"],
      ["930", "09:30"],
      ["14", "14:00"],
      ["۱۴.۱۵", "14:15"],
      [" 23:55 ", "23:55"],
      ["0:05", "00:05"],
    ] as const) {
      expect(parseClock(typed), typed).toBe(time);
    }
  });

  it("refuses what is not a time of day", () => {
    for (const typed of ["", "24:00", "9:60", "09:00 AM", "9:3:0", "abc", "12345", "-1"]) expect(parseClock(typed), typed).toBeNull();
  });
});
