import { persianNumber } from "../format";

/** The patient's account page: download my data, delete my account. */
export const privacy = {
  nav: "حساب من",
  title: "حساب من",
  phone: "شماره همراه",
  name: "نام",
  noName: "ثبت نشده",
  memberSince: "عضویت از",

  dataTitle: "داده‌های من",
  dataLead: "همه آنچه درباره شما نگه می‌داریم: مشخصات، نوبت‌ها، پرداخت‌ها، گردش کیف پول و گفتگوهای مشاوره.",
  downloadJson: "دریافت فایل داده‌ها (JSON)",
  viewPrintable: "نمایش و چاپ داده‌ها",
  print: "چاپ یا ذخیره به صورت PDF",
  exportedAt: (when: string) => `تهیه‌شده در ${when}`,
  sections: {
    profile: "مشخصات",
    appointments: "نوبت‌ها",
    payments: "پرداخت‌ها",
    walletLedger: "گردش کیف پول",
    chats: "مشاوره‌های متنی",
    waitlist: "فهرست‌های انتظار",
  },
  empty: "موردی ثبت نشده است.",
  columns: {
    when: "زمان",
    doctor: "پزشک",
    clinic: "کلینیک",
    status: "وضعیت",
    amount: "مبلغ",
    purpose: "بابت",
    reference: "کد پیگیری",
    balanceAfter: "مانده",
  },
  patientSaid: "شما",
  doctorSaid: "پزشک",
  question: "پرسش",

  deleteTitle: "حذف حساب کاربری",
  deleteLead:
    "با حذف حساب، نام و شماره همراه شما پاک می‌شود و متن پرسش‌ها و پیام‌های مشاوره حذف می‌شود. سوابق مالی (پرداخت‌ها و گردش کیف پول) طبق قانون بدون نام و شماره نگه داشته می‌شوند. این کار برگشت‌پذیر نیست؛ پیش از آن می‌توانید داده‌های خود را دریافت کنید.",
  deleteConfirm: "می‌دانم که حساب و داده‌های من برای همیشه حذف می‌شود.",
  deleteSubmit: "حذف حساب من",
  deleting: "در حال حذف…",
  confirmRequired: "برای حذف حساب، تأیید بالا را علامت بزنید.",
  blockedTitle: "فعلاً نمی‌توانید حساب خود را حذف کنید:",
  blockers: {
    wallet_balance: (amount: string) =>
      `موجودی کیف پول شما ${amount} است. برداشت موجودی هنوز در سامانه ممکن نیست: برای دریافت آن با پشتیبانی تماس بگیرید و پس از تسویه، حساب را حذف کنید.`,
    upcoming_visit: (count: number) => `${persianNumber(count)} نوبت پیش رو دارید. پس از ویزیت یا لغو نوبت می‌توانید حساب را حذف کنید.`,
    open_chat: (count: number) => `${persianNumber(count)} مشاوره متنی باز دارید. پس از پایان مشاوره می‌توانید حساب را حذف کنید.`,
    payment_in_progress: (count: number) => `${persianNumber(count)} پرداخت شما هنوز در حال بررسی است. چند دقیقه دیگر دوباره تلاش کنید.`,
  },
  notPatient: "حساب کادر کلینیک و پزشکان را فقط مدیر سامانه می‌تواند حذف کند.",
  notFound: "این حساب دیگر وجود ندارد.",
  failed: "حذف حساب انجام نشد. دوباره تلاش کنید.",
  deletedTitle: "حساب شما حذف شد",
  deletedBody:
    "نام، شماره همراه و متن گفتگوهای شما پاک شد. اگر بخواهید، می‌توانید با همین شماره دوباره ثبت‌نام کنید؛ حساب تازه خالی خواهد بود.",
  home: "صفحه اصلی",
  signInRequired: "برای دریافت داده‌ها ابتدا وارد شوید.",
} as const;
