export const appointments = {
  title: "نوبت‌های من",
  upcoming: "نوبت‌های پیش رو",
  past: "نوبت‌های گذشته و لغوشده",
  none: "هنوز نوبتی ندارید.",
  findDoctor: "جست‌وجوی پزشک",
  status: { confirmed: "قطعی", attended: "ویزیت‌شده", no_show: "عدم حضور", cancelled: "لغوشده" },
} as const;
