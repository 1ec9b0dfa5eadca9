/** The environment of a real clinic's production server (real SMS, real gateway, no DEMO_MODE), for tests of
 * what production allows. */
export const realProductionEnv = {
  NODE_ENV: "production",
  SESSION_PASSWORD: "a-production-session-password-0123456789",
  METRICS_TOKEN: "metrics",
  SMS_DRIVER: "kavenegar",
  KAVENEGAR_API_KEY: "key",
  KAVENEGAR_OTP_TEMPLATE: "drturn-otp",
  PAYMENT_GATEWAY: "zarinpal",
  ZARINPAL_MERCHANT_ID: "1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d",
} as const;
