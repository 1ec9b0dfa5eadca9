/** SMS and in-app notification texts: short, Persian, and never anything medical (no question, answer or
 * specialty) — an SMS can be read by whoever holds the phone. Every value is already formatted for display. */
const sign = "دکتر نوبت";

export const notifications = {
  sms: {
    reservationConfirmed: (p: { doctor: string; when: string; address: string; code: string; link: string }) =>
      `${sign}: نوبت شما نزد ${p.doctor}، ${p.when} ثبت شد.\nنشانی: ${p.address}\nکد پیگیری: ${p.code}\n${p.link}`,
    reminder24h: (p: { doctor: string; when: string; address: string; link: string }) =>
      `${sign}: یادآوری نوبت شما نزد ${p.doctor}، ${p.when}.\nنشانی: ${p.address}\nلغو یا تغییر: ${p.link}`,
    reminder2h: (p: { doctor: string; time: string; address: string; link: string }) =>
      `${sign}: نوبت شما نزد ${p.doctor} امروز ساعت ${p.time} است.\nنشانی: ${p.address}\nلغو یا تغییر: ${p.link}`,
    cancelledByClinic: (p: { doctor: string; when: string; reason: string; refund: string; balance: string }) =>
      `${sign}: نوبت ${p.when} نزد ${p.doctor} از سوی مطب لغو شد.\nدلیل: ${p.reason}\n${p.refund} به کیف پول شما بازگشت؛ موجودی: ${p.balance}`,
    cancelledByPatient: (p: { doctor: string; when: string; refund: string | null }) =>
      `${sign}: نوبت ${p.when} نزد ${p.doctor} لغو شد.\n` +
      (p.refund ? `${p.refund} به کیف پول شما بازگشت.` : "طبق قوانین لغو مبلغی بازگردانده نشد."),
    rescheduled: (p: { doctor: string; from: string; when: string; address: string; refund: string | null; link: string }) =>
      `${sign}: نوبت شما نزد ${p.doctor} از ${p.from} به ${p.when} منتقل شد.\nنشانی: ${p.address}\n` +
      (p.refund ? `${p.refund} مابه‌التفاوت به کیف پول شما بازگشت.\n` : "") +
      p.link,
    slotTakenRefunded: (p: { amount: string; link: string }) =>
      `${sign}: زمانی که پرداخت کردید پیش از تأیید پرداخت شما پر شد. ${p.amount} به کیف پول شما بازگشت.\nزمان‌های آزاد دیگر: ${p.link}`,
    chatUnavailableRefunded: (p: { amount: string }) =>
      `${sign}: مشاوره پرداخت‌شده دیگر قابل ارائه نبود. ${p.amount} به کیف پول شما بازگشت.`,
    chatAnswered: (p: { doctor: string; link: string }) => `${sign}: ${p.doctor} به مشاوره شما پاسخ داد.\n${p.link}`,
    chatQuestion: (p: { patient: string; deadline: string; link: string }) =>
      `${sign}: پرسش تازه از ${p.patient}. مهلت پاسخ: ${p.deadline}\n${p.link}`,
    chatExpiring: (p: { deadline: string; link: string }) =>
      `${sign}: مهلت پاسخ به یک مشاوره تا ${p.deadline} است و هنوز پاسخ نداده‌اید.\n${p.link}`,
    visitDelayed: (p: { doctor: string; minutes: string; when: string; link: string }) =>
      `${sign}: ${p.doctor} ${p.minutes} دقیقه دیرتر می‌رسد؛ نوبت شما (${p.when}) به همین اندازه دیرتر انجام می‌شود.\n${p.link}`,
    staffInvited: (p: { role: string; clinic: string; link: string }) =>
      `${sign}: شما به‌عنوان ${p.role} «${p.clinic}» به پنل کلینیک افزوده شدید. با همین شماره وارد شوید:\n${p.link}`,
    chatExpired: (p: { doctor: string; amount: string }) => `${sign}: ${p.doctor} در مهلت پاسخ نداد. ${p.amount} به کیف پول شما بازگشت.`,
  },
  anonymousPatient: "یک بیمار",
  noReason: "اعلام نشد",
  delayNotice: (minutes: string) => `دکتر ${minutes} دقیقه دیرتر می‌رسد`,
  delayForm: {
    title: "اعلام تأخیر به بیماران امروز",
    minutes: "چند دقیقه دیرتر (۵ تا ۲۴۰)",
    submit: "ارسال پیام تأخیر",
    done: (n: string) => `پیام تأخیر برای ${n} بیمار فرستاده شد.`,
    repeated: "این اعلام پیش‌تر ثبت و فرستاده شده است.",
  },
  delayErrors: {
    doctor_not_found: "پزشک پیدا نشد.",
    bad_minutes: "مقدار تأخیر باید عددی بین ۵ تا ۲۴۰ دقیقه باشد.",
    no_visits: "برای باقی امروز نوبت تأییدشده‌ای نزد این پزشک نیست.",
  },

  page: {
    title: "پیام‌ها",
    none: "هنوز پیامی برای شما فرستاده نشده است.",
    open: "مشاهده",
    unread: "خوانده‌نشده",
    unreadCount: (n: string) => `${n} پیام خوانده‌نشده`,
    settings: "تنظیمات پیامک",
  },
  settings: {
    title: "تنظیمات پیامک",
    reminders: "یادآوری نوبت (۲۴ ساعت و ۲ ساعت پیش از ویزیت)",
    remindersHint: "یادآوری‌ها بین ساعت ۲۲ تا ۸ فرستاده نمی‌شوند. پیامک تأیید نوبت، بازگشت وجه و کد ورود همیشه فرستاده می‌شوند.",
    save: "ذخیره",
    saved: "تنظیمات ذخیره شد.",
  },
} as const;
