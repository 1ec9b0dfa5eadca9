export const directory = {
  homeTitle: "نوبت پزشک در همدان، بدون صف و تلفن",
  homeLead: "پزشک خود را پیدا کنید، زمان خالی را انتخاب کنید و آنلاین پرداخت کنید. تا پرداخت تأیید نشود، هیچ نوبتی به نام شما ثبت نمی‌شود.",
  doctorsTitle: "پزشکان",
  visitFee: "هزینه ویزیت",
  chatFee: "هزینه مشاوره متنی",
  nextFree: (when: string) => `اولین زمان خالی: ${when}`,
  noFreeTime: "فعلاً زمان خالی ندارد",
  takesChat: (fee: string) => `مشاوره متنی: ${fee}`,
  noDoctors: "هنوز پزشکی ثبت نشده است.",
} as const;
