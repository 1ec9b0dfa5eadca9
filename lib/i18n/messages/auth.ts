import { persianNumber } from "../format";

export const auth = {
  signInTitle: "ورود به دکتر نوبت",
  phoneLabel: "شماره موبایل",
  phonePlaceholder: "۰۹۱۲۱۲۳۴۵۶۷",
  sendCode: "ارسال کد",
  codeLabel: "کد تأیید",
  codeSentTo: (phone: string) => `کد ۶ رقمی به شماره ${persianNumber(phone)} پیامک شد.`,
  verify: "ورود",
  resend: "ارسال دوباره کد",
  changePhone: "تغییر شماره",
  otpSms: (code: string) => `دکتر نوبت\nکد ورود شما: ${code}\nاین کد تا ۵ دقیقه معتبر است.`,
  errors: {
    invalid_phone: "شماره موبایل معتبر نیست. یک شماره ایرانی مثل ۰۹۱۲۱۲۳۴۵۶۷ وارد کنید.",
    rate_limited: (seconds: number) =>
      seconds >= 3600
        ? "تعداد درخواست‌های کد بیش از حد مجاز است. لطفاً یک ساعت دیگر تلاش کنید."
        : `برای ارسال دوباره کد ${persianNumber(seconds)} ثانیه صبر کنید.`,
    sms_budget_exhausted: (seconds: number) =>
      `ارسال کد ورود موقتاً متوقف شده است، چون در این ساعت پیامک‌های بسیار زیادی درخواست شده. لطفاً ${persianNumber(Math.max(1, Math.ceil(seconds / 60)))} دقیقه دیگر دوباره تلاش کنید.`,
    sms_failed: "ارسال پیامک ممکن نشد. لطفاً چند لحظه دیگر دوباره تلاش کنید.",
    invalid_code_format: "کد تأیید باید ۶ رقم باشد.",
    no_active_code: "کد معتبری برای این شماره وجود ندارد. لطفاً کد جدید درخواست کنید.",
    expired: "کد تأیید منقضی شده است. لطفاً کد جدید درخواست کنید.",
    wrong_code: (triesLeft: number) =>
      triesLeft > 0
        ? `کد تأیید اشتباه است. ${persianNumber(triesLeft)} بار دیگر می‌توانید تلاش کنید.`
        : "کد تأیید اشتباه است و دیگر قابل استفاده نیست. لطفاً کد جدید درخواست کنید.",
    too_many_tries: "تعداد تلاش‌های ناموفق بیش از حد مجاز است. لطفاً کد جدید درخواست کنید.",
    invalid_next: "نشانی صفحهٔ بازگشت معتبر نیست. لطفاً صفحهٔ ورود را دوباره باز کنید.",
  },
  /** Shown above the form when `next` was refused: the visitor may have followed a phishing link. */
  nextIgnored: "پیوندی که شما را به این صفحه آورد به صفحه‌ای خارج از دکتر نوبت یا نامعتبر اشاره داشت؛ پس از ورود به صفحهٔ اصلی می‌روید.",
} as const;
