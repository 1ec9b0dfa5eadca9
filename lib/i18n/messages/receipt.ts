import { persianNumber } from "../format";

/** The receipt of a paid purchase: its page, its PDF and the links to it. */
export const receipt = {
  title: "رسید پرداخت",
  brand: "دکتر نوبت",
  turn: (turn: number) => `نوبت ${persianNumber(turn)}`,
  turnHint: "ترتیب نوبت شما در میان نوبت‌های آن روز پزشک",
  bought: {
    reservation: (doctor: string) => `ویزیت ${doctor}`,
    chat: (doctor: string) => `مشاوره متنی با ${doctor}`,
    topup: "افزایش اعتبار کیف پول",
  },
  rows: {
    bought: "بابت",
    refId: "کد پیگیری",
    card: "کارت",
    method: "روش پرداخت",
    amount: "مبلغ",
    paidAt: "تاریخ پرداخت",
    visitAt: "زمان ویزیت",
    doctor: "پزشک",
    clinic: "مطب",
    address: "نشانی",
    forWhom: "ویزیت برای",
    chatFor: "مشاوره برای",
    payer: "پرداخت‌کننده",
    receiptNumber: "شماره رسید",
  },
  viaWallet: "کیف پول دکتر نوبت",
  viaGateway: "درگاه پرداخت زرین‌پال",
  cancelled: "این نوبت پس از پرداخت لغو شده است.",
  print: "چاپ",
  downloadPdf: "دریافت PDF",
  link: "رسید",
  back: "پرداخت‌های من",
  footer: "این رسید را دکتر نوبت صادر کرده است؛ برای پیگیری، کد پیگیری یا شماره رسید را ارائه دهید.",
  pdfFileName: (shortId: string) => `drturn-receipt-${shortId}.pdf`,
} as const;
