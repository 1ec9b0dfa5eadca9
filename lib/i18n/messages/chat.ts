import { persianNumber } from "../format";

export const chat = {
  ask: {
    title: (doctor: string) => `مشاوره متنی با ${doctor}`,
    lead: "پرسش خود را بنویسید و هزینه را بپردازید. پرسش فقط پس از تأیید پرداخت برای پزشک فرستاده می‌شود.",
    fee: "هزینه مشاوره",
    deadline: "مهلت پاسخ پزشک",
    deadlineHours: (hours: number) => `حداکثر ${persianNumber(hours)} ساعت پس از پرداخت`,
    walletBalance: "موجودی کیف پول",
    refundPolicy: "اگر پزشک در این مهلت پاسخ ندهد، کل مبلغ به کیف پول شما بازمی‌گردد.",
    questionLabel: "پرسش شما",
    questionHint: (min: number, max: number) =>
      `بین ${persianNumber(min)} تا ${persianNumber(max)} نویسه. سن، علائم و مدت آن‌ها را بنویسید.`,
    noRequestBeforePayment: "تا پرداخت شما تأیید نشود، درخواستی ثبت نمی‌شود و مبلغی کسر نمی‌شود.",
    notOffered: "این پزشک در حال حاضر مشاوره متنی نمی‌پذیرد.",
    backToDoctor: "بازگشت به صفحه پزشک",
    sessionExpired:
      "نشست شما به پایان رسیده است و چیزی پرداخت نشد. متن پرسش شما در همین صفحه مانده است؛ آن را نگه دارید، دوباره وارد شوید و ادامه دهید.",
    signInAgain: "ورود دوباره",
  },

  validation: {
    questionRequired: "لطفاً پرسش خود را بنویسید.",
    questionTooShort: (min: number) => `پرسش کوتاه است؛ دست‌کم ${persianNumber(min)} نویسه بنویسید تا پزشک بتواند پاسخ دهد.`,
    questionTooLong: (max: number) =>
      `پرسش حداکثر ${persianNumber(max)} نویسه می‌تواند باشد. جزئیات بیشتر را پس از پذیرش پزشک در گفتگو بفرستید.`,
    messageRequired: "پیام خالی است.",
    messageTooLong: (max: number) => `پیام حداکثر ${persianNumber(max)} نویسه می‌تواند باشد.`,
    summaryRequired: "برای بستن گفتگو، خلاصه و توصیه‌های خود را برای بیمار بنویسید.",
    quickReplyRequired: "متن پاسخ آماده خالی است.",
    quickReplyTooLong: (max: number) => `پاسخ آماده حداکثر ${persianNumber(max)} نویسه می‌تواند باشد.`,
    summaryTooLong: (max: number) => `خلاصه‌ی گفتگو حداکثر ${persianNumber(max)} نویسه می‌تواند باشد.`,
  },

  status: { waiting: "در انتظار پذیرش پزشک", active: "در حال گفتگو", closed: "بسته‌شده", expired: "بی‌پاسخ؛ مبلغ بازگشت داده شد" },

  list: {
    title: "گفتگوهای من",
    supportTitle: "گفتگوهای بیماران (پشتیبانی)",
    none: "هنوز مشاوره متنی نداشته‌اید.",
    findDoctor: "پیدا کردن پزشکی که مشاوره متنی می‌پذیرد",
    unread: (n: number) => `${persianNumber(n)} پیام تازه`,
    askedOn: (when: string) => `ارسال: ${when}`,
    patient: (name: string) => `بیمار: ${name}`,
  },

  inbox: {
    title: "صندوق مشاوره‌های متنی",
    notLinked: "حساب شما به پروفایل پزشکی متصل نیست. برای اتصال با پشتیبانی کلینیک تماس بگیرید.",
    newRequests: "درخواست‌های تازه",
    active: "گفتگوهای باز",
    done: "پایان‌یافته",
    noneNew: "درخواست تازه‌ای ندارید.",
    noneActive: "گفتگوی بازی ندارید.",
    answerBy: (when: string) => `مهلت پاسخ: ${when}`,
  },

  thread: {
    title: (doctor: string) => `گفتگو با ${doctor}`,
    doctorTitle: (patient: string) => `گفتگو با ${patient}`,
    supportNotice: "نمایش فقط‌خواندنی برای پشتیبانی. پیام‌ها با این نمایش «خوانده‌شده» نمی‌شوند.",
    question: "پرسش",
    paid: "مبلغ پرداخت‌شده",
    deadline: "مهلت پاسخ",
    you: "شما",
    patient: "بیمار",
    doctor: "پزشک",
    waitingPatient: (when: string) =>
      `پرسش شما برای پزشک فرستاده شد. پزشک تا ${when} پاسخ می‌دهد؛ در غیر این صورت مبلغ به کیف پول شما برمی‌گردد. تا آن زمان می‌توانید توضیح بیشتری بفرستید.`,
    waitingDoctor: (when: string) =>
      `برای پاسخ، درخواست را بپذیرید. مهلت پذیرش: ${when}. پس از آن درخواست منقضی و مبلغ به بیمار بازگردانده می‌شود.`,
    closed: "این گفتگو بسته شده است.",
    expired: (amount: string) => `پزشک در مهلت مقرر پاسخ نداد. مبلغ ${amount} به کیف پول بیمار بازگشت.`,
    conversationLabel: "گفتگو",
    logLabel: "پیام‌های گفتگو",
    messageLabel: "پیام",
    send: "ارسال",
    sending: "در حال ارسال…",
    accept: "پذیرش و پاسخ",
    close: "بستن گفتگو",
    closeConfirm: "گفتگو بسته شود؟ پس از بستن، پیامی رد و بدل نمی‌شود.",
    summaryLabel: "خلاصه و توصیه‌ها برای بیمار",
    ageYears: (years: number) => `${persianNumber(years)} ساله`,
    summaryTitle: "خلاصه‌ی پزشک",
    closedOn: (when: string) => `بسته‌شده در ${when}`,
    connectionLost: "ارتباط با سرور قطع شده است؛ پیام‌های تازه پس از برقراری دوباره نمایش داده می‌شوند.",
    noMessages: "هنوز پیامی رد و بدل نشده است.",
    backToList: "بازگشت به گفتگوها",
    backToInbox: "بازگشت به صندوق",
  },

  quickReplies: {
    title: "پاسخ‌های آماده",
    manage: "مدیریت پاسخ‌های آماده",
    insertLabel: "درج پاسخ آماده در پیام",
    newLabel: "پاسخ آماده‌ی تازه",
    bodyLabel: "متن پاسخ آماده",
    add: "افزودن",
    save: "ذخیره",
    remove: "حذف",
    empty: "هنوز پاسخ آماده‌ای ندارید.",
    errors: {
      not_doctor: "فقط پزشک می‌تواند پاسخ آماده ذخیره کند.",
      reply_not_found: "این پاسخ آماده پیدا نشد؛ شاید پیش‌تر حذف شده باشد.",
      // QUICK_REPLIES_PER_DOCTOR in lib/chat/quick-replies.ts.
      too_many_replies: "حداکثر ۳۰ پاسخ آماده می‌توانید ذخیره کنید؛ برای افزودن، یکی را حذف کنید.",
    },
  },

  errors: {
    not_found: "این گفتگو پیدا نشد.",
    read_only: "پشتیبانی فقط می‌تواند گفتگو را بخواند.",
    not_accepted: "برای فرستادن پیام، ابتدا درخواست را بپذیرید.",
    not_doctor: "فقط پزشکِ این گفتگو می‌تواند آن را بپذیرد یا ببندد.",
    closed: "این گفتگو بسته یا منقضی شده است و پیام تازه پذیرفته نمی‌شود.",
    deadline_passed: "مهلت پذیرش این درخواست گذشته است؛ مبلغ به بیمار بازگردانده می‌شود.",
    not_active: "فقط گفتگویی را که پذیرفته‌اید می‌توان بست.",
    already_closed: "این گفتگو پیش‌تر بسته شده و خلاصه‌ی آن ثبت شده است.",
    signed_out: "نشست شما به پایان رسیده است. لطفاً دوباره وارد شوید.",
    bad_request: "درخواست نامعتبر است.",
    // ATTACHMENTS_PER_CHAT in lib/chat/chat-file-input.ts.
    too_many_files: "در هر گفتگو حداکثر ۱۰ فایل می‌توان فرستاد؛ این فایل فرستاده نشد.",
  },

  receipts: {
    sent: "ارسال شد",
    seen: "دیده شد",
    answered: "پزشک پاسخ داده است",
    awaiting: "در انتظار پاسخ",
    awaitingUntil: (when: string) => `در انتظار پاسخ — مهلت پاسخ پزشک: ${when}`,
    timeLeft: (hours: number, minutes: number) =>
      hours > 0 ? `${persianNumber(hours)} ساعت و ${persianNumber(minutes)} دقیقه مانده` : `${persianNumber(minutes)} دقیقه مانده`,
    overdue: "مهلت گذشته است",
  },

  files: {
    attach: "پیوست عکس یا PDF",
    attachHint: (maxMb: number, perChat: number) =>
      `عکس (JPEG، PNG، WebP) یا PDF، هر فایل حداکثر ${persianNumber(maxMb)} مگابایت و تا ${persianNumber(perChat)} فایل در هر گفتگو.`,
    uploading: "در حال ارسال فایل…",
    open: "باز کردن",
    download: (name: string, size: string) => `دریافت ${name} (${size})`,
    imageAlt: (name: string) => `عکس پیوست: ${name}`,
    sizeKb: (kb: number) => `${persianNumber(kb)} کیلوبایت`,
    sizeMb: (mb: string) => `${mb} مگابایت`,
    defaultImageName: "عکس",
    defaultPdfName: "سند",
  },

  fileErrors: {
    missing: "فایلی انتخاب نشده است.",
    not_found: "این فایل پیدا نشد یا اجازه دیدن آن را ندارید.",
    empty: "فایل خالی است (صفر بایت) و فرستاده نشد.",
    too_big: (maxMb: number) => `حجم فایل بیش از ${persianNumber(maxMb)} مگابایت است و فرستاده نشد.`,
    unsupported_type: "فقط عکس (JPEG، PNG، WebP) و فایل PDF پذیرفته می‌شود؛ این فایل فرستاده نشد.",
    heic_unsupported:
      "عکس‌های HEIC آیفون پشتیبانی نمی‌شود. از عکس اسکرین‌شات بگیرید یا در تنظیمات دوربین «Most Compatible» را انتخاب کنید و دوباره بفرستید.",
    broken_image: "این عکس خراب است یا خوانده نمی‌شود و فرستاده نشد.",
    broken_pdf: "این فایل PDF معتبر نیست یا ناقص است و فرستاده نشد.",
  },

  unreadBadge: (n: number) => `${persianNumber(n)} پیام خوانده‌نشده`,
  expiryRefundNote: "بازگشت وجه مشاوره متنی: پزشک در مهلت مقرر پاسخ نداد",
} as const;
