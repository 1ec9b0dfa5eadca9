/** The waitlist (issue 12 §6): the doctor page's card, the list under «نوبت‌های من», and the SMS offer (short,
 * nothing medical: a doctor's name and a time). */
const sign = "دکتر نوبت";

export const waitlist = {
  sms: {
    offer: (p: { doctor: string; when: string; link: string }) =>
      `${sign}: نوبتی نزد ${p.doctor}، ${p.when} آزاد شد. اگر می‌خواهید، زودتر از دیگران پرداخت کنید:\n${p.link}`,
  },
  card: {
    heading: "فهرست انتظار",
    noFreeTime: "در ۱۴ روز آینده نوبت خالی نیست. در فهرست انتظار بمانید تا اگر نوبتی آزاد شد، پیامک بگیرید.",
    noFreeDay: "روز دلخواهتان نوبت خالی ندارد؟ آن روزها را انتخاب کنید تا اگر نوبتی آزاد شد، پیامک بگیرید.",
    howItWorks: "پیامک به ترتیب پیوستن و چند نفر به چند نفر فرستاده می‌شود؛ نوبت از آن کسی است که زودتر پرداخت کند.",
    from: "از روز",
    to: "تا روز",
    anyDay: "هر روز",
    join: "عضویت در فهرست انتظار",
    joined: "در فهرست انتظار این پزشک هستید. اگر نوبتی آزاد شد، پیامک می‌گیرید.",
    signIn: "برای عضویت در فهرست انتظار وارد شوید",
    leave: "خروج از فهرست انتظار",
    left: "از فهرست انتظار بیرون آمدید.",
  },
  range: (p: { from: string | null; to: string | null }) =>
    p.from && p.to ? `از ${p.from} تا ${p.to}` : p.from ? `از ${p.from} به بعد` : p.to ? `تا ${p.to}` : "هر روز",
  list: {
    heading: "فهرست انتظار",
    since: (when: string) => `از ${when}`,
  },
  errors: {
    doctor_not_found: "پزشک پیدا نشد.",
    bad_range: "روز پایان باید پس از روز آغاز باشد و هر دو از امروز تا ۹۰ روز آینده.",
    free_times_exist: "در این روزها نوبت خالی هست؛ همان را رزرو کنید.",
    already_waiting: "پیش‌تر در فهرست انتظار این پزشک بوده‌اید.",
    entry_not_found: "این عضویت در فهرست انتظار پیدا نشد یا پیش‌تر بسته شده است.",
  },
};
