import { describe, expect, it } from "vitest";
import { formatJalaliDate, formatJalaliDateTime, formatJalaliDayMonth, formatToman, formatWeekday } from "./format";

// Monday 6 January 2025, 12:00 in Tehran (UTC+3:30).
const instant = new Date("2025-01-06T08:30:00Z");

describe("Persian formatting", () => {
  it("writes a date as weekday, day, month and year of the Persian calendar", () => {
    expect(formatJalaliDate(instant)).toBe("دوشنبه ۱۷ دی ۱۴۰۳");
    expect(formatJalaliDateTime(instant)).toBe("دوشنبه ۱۷ دی ۱۴۰۳، ساعت ۱۲:۰۰");
    expect(formatWeekday(instant)).toBe("دوشنبه");
    expect(formatJalaliDayMonth(instant)).toBe("۱۷ دی");
  });

  it("counts the day in Tehran, not in UTC", () => {
    expect(formatJalaliDayMonth(new Date("2025-01-06T21:00:00Z"))).toBe("۱۸ دی"); // 00:30 on Tuesday in Tehran
  });

  it("shows Rial amounts in Toman", () => {
    expect(formatToman(3_500_000)).toBe("۳۵۰٬۰۰۰ تومان");
  });
});
