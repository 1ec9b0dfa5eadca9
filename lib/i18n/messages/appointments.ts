export const appointments = {
  title: "نوبت‌های من",
  upcoming: "نوبت‌های پیش رو",
  past: "نوبت‌های گذشته و لغوشده",
  none: "هنوز نوبتی ندارید.",
  findDoctor: "جست‌وجوی پزشک",
  tabsLabel: "نوبت‌ها",
  tabUpcoming: "پیش رو",
  tabPast: "گذشته",
  noneUpcoming: "نوبت پیش رویی ندارید.",
  nonePast: "نوبت گذشته‌ای ندارید.",
  forSelf: "برای: خودتان",
  addToCalendar: "افزودن به تقویم",
  calendar: {
    title: (doctor: string) => `نوبت ${doctor}`,
    doctor: (name: string, title: string) => `پزشک: ${name} — ${title}`,
    clinic: (name: string, address: string) => `نشانی: ${name}، ${address}`,
  },
  status: { confirmed: "قطعی", attended: "ویزیت‌شده", no_show: "عدم حضور", cancelled: "لغوشده" },

  cancel: "لغو نوبت",
  cancelTitle: "لغو این نوبت؟",
  cancelFullRefund: (amount: string, hours: string) =>
    `تا ${hours} ساعت پیش از زمان نوبت، لغو با بازگشت کامل وجه است: با لغو این نوبت ${amount} به کیف پول شما بازمی‌گردد.`,
  cancelNoRefund: (hours: string) =>
    `کمتر از ${hours} ساعت به زمان این نوبت مانده است؛ طبق قوانین لغو، با لغو آن مبلغی بازگردانده نمی‌شود.`,
  refundDeadline: (when: string) => `مهلت لغو با بازگشت وجه: ${when}`,
  confirmCancel: "بله، نوبت لغو شود",
  keep: "نه، نوبت بماند",
  cancelledRefunded: (amount: string) => `نوبت لغو شد و ${amount} به کیف پول شما بازگشت. این زمان اکنون برای دیگران آزاد است.`,
  cancelledNoRefund: "نوبت لغو شد. طبق قوانین لغو مبلغی بازگردانده نشد.",
  refunded: (amount: string) => `${amount} به کیف پول بازگشت`,
  clinicCancelled: (reason: string) => `مطب این نوبت را لغو کرد. دلیل: ${reason}`,
  cancelErrors: {
    reservation_not_found: "این نوبت پیدا نشد.",
    not_cancellable: "این نوبت دیگر قابل لغو نیست (قبلاً لغو یا انجام شده است).",
    already_started: "زمان این نوبت رسیده یا گذشته است و دیگر قابل لغو نیست.",
    reason_required: "دلیل لغو را بنویسید.",
    refund_changed: (amount: string) =>
      `در این فاصله شرایط بازگشت وجه تغییر کرد: مبلغ قابل بازگشت اکنون ${amount} است. اگر همچنان مایل به لغو هستید، دوباره تأیید کنید.`,
  },
} as const;
