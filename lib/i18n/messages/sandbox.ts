export const sandbox = {
  title: "درگاه پرداخت آزمایشی",
  amount: "مبلغ",
  pay: "پرداخت موفق",
  fail: "پرداخت ناموفق",
  cancel: "انصراف",
  unknown: "تراکنش یافت نشد",
  badChoice: "انتخاب نامعتبر است",
  droppedTitle: "پرداخت انجام شد",
  droppedBody: "مرورگر پیش از بازگشت به سایت بسته شد (حالت آزمایشی drop-callback).",
} as const;
