/** What search engines and link previews show of our public pages. */
export const seo = {
  description:
    "نوبت آنلاین پزشک و مشاوره متنی با پزشکان: پزشک را پیدا کنید، زمان خالی را ببینید و آنلاین پرداخت کنید؛ تا پرداخت تأیید نشود نوبتی ثبت نمی‌شود.",
  shortName: "دکتر نوبت",
  doctorDescription: (d: { name: string; specialty: string; clinic: string; city: string }) =>
    `نوبت آنلاین ${d.name}، ${d.specialty}، در ${d.clinic} (${d.city}): زمان‌های خالی ۱۴ روز آینده، هزینه ویزیت و مشاوره متنی.`,
  doctorImageAlt: (name: string) => `${name} در دکتر نوبت`,
} as const;
