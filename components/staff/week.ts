/** The Persian week: Saturday first (JavaScript weekday numbers). */
export const PERSIAN_WEEK = [6, 0, 1, 2, 3, 4, 5] as const;
/** Slot lengths offered when editing a doctor's week, in minutes. */
export const SLOT_LENGTHS = [10, 15, 20, 30, 45, 60] as const;
