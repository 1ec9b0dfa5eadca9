export const staff = {
  dashboardTitle: "پنل کلینیک",
  appointmentsToday: "نوبت‌های امروز",
  paymentsToday: "تلاش‌های پرداخت امروز",
  failedPaymentsToday: "پرداخت‌های ناموفق امروز",
} as const;
