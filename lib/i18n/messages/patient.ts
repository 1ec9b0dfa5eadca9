import { persianNumber } from "../format";

/** The patient's own screens around checkout: a taken slot's alternatives, the payment history, and the shared
 * loading and error states. */
export const patient = {
  checkout: {
    summaryLabel: "خلاصه نوبت",
    howToPay: "روش پرداخت",
    walletEnough: "موجودی کیف پول برای این نوبت کافی است.",
    walletShort: (missing: string) => `موجودی کیف پول ${missing} کم است؛ با «پرداخت از کیف پول» می‌توانید کسری را شارژ کنید.`,
    paying: "در حال انتقال به پرداخت…",
    unavailableTitle: "این زمان دیگر قابل رزرو نیست",
    yoursTitle: "این نوبت را قبلاً رزرو کرده‌اید",
    yoursBody: "پرداخت این نوبت انجام شده و به نام شما ثبت است؛ لازم نیست دوباره پرداخت کنید.",
    viewAppointments: "مشاهده نوبت‌های من",
    alternativesHeading: (doctor: string) => `نزدیک‌ترین زمان‌های خالی ${doctor}`,
    alternativeLabel: (when: string) => `رزرو نوبت ${when}`,
    alternativeWhen: (day: string, time: string) => `${day}، ساعت ${time}`,
    noAlternatives: "این پزشک فعلاً زمان خالی دیگری ندارد.",
    allTimes: "همه زمان‌های خالی این پزشک",
    otherDoctors: "پیدا کردن پزشک دیگر",
  },

  payments: {
    title: "پرداخت‌های من",
    lead: "نتیجه هر پرداخت را اینجا ببینید؛ پرداخت ناموفق را می‌توانید از صفحه نتیجه‌اش دوباره انجام دهید.",
    empty: "هنوز پرداختی انجام نداده‌اید.",
    findDoctor: "پیدا کردن پزشک",
    purpose: {
      reservation: (doctor: string | null) => (doctor ? `نوبت ${doctor}` : "نوبت پزشک"),
      chat: (doctor: string | null) => (doctor ? `مشاوره متنی با ${doctor}` : "مشاوره متنی"),
      topup: () => "شارژ کیف پول",
      reschedule: (doctor: string | null) => (doctor ? `تغییر زمان نوبت ${doctor}` : "تغییر زمان نوبت"),
    },
    status: {
      paid: "موفق",
      auto_refunded: "بازگشت به کیف پول",
      failed: "ناموفق",
      abandoned: "تکمیل نشد",
      pending: "در انتظار درگاه",
      verifying: "در حال بررسی",
    },
    method: { wallet: "کیف پول", gateway: "درگاه پرداخت" },
    shownLatest: (count: number) => `${persianNumber(count)} پرداخت آخر نمایش داده شده است.`,
  },

  loading: "در حال بارگذاری…",
  loadError: "این صفحه بارگذاری نشد. لطفاً چند لحظه بعد دوباره تلاش کنید.",
} as const;
