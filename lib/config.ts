import "server-only";
import { z } from "zod";

/** The one reader of process.env. Parsed on first use (server start calls it from instrumentation), so a
 * missing or malformed variable stops the app with a message that names it. */

const DEV_SESSION_PASSWORD = "dev-only-session-password-change-me-0123456789";
const SANDBOX_MERCHANT_ID = "00000000-0000-0000-0000-000000000000";

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
    DATABASE_POOL_MAX: positiveInt(10),
    /** Seconds a new database connection may take before the query waiting for it fails (postgres.js waits
     * 30 s by default: with the database unreachable every request would hang that long). */
    DATABASE_CONNECT_TIMEOUT_S: positiveInt(3),
    /** Migrations, LISTEN and the job queue connect here when DATABASE_URL goes through a transaction pooler. */
    DATABASE_DIRECT_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
    /** false behind PgBouncer in transaction mode: no prepared statements. */
    DATABASE_PREPARE: optionalText.pipe(z.enum(["true", "false"], { error: "must be true or false" }).optional()),
    PGLITE_DIR: z.string().default(".data/pglite"),
    SESSION_PASSWORD: optionalText.pipe(z.string().min(32, "must be at least 32 characters").optional()),
    SESSION_PASSWORD_PREVIOUS: optionalText,
    SMS_DRIVER: optionalText.pipe(z.enum(["outbox", "kavenegar"]).optional()),
    KAVENEGAR_API_KEY: optionalText,
    KAVENEGAR_API_BASE: z.url().default("https://api.kavenegar.com"),
    KAVENEGAR_SENDER: optionalText,
    KAVENEGAR_OTP_TEMPLATE: optionalText,
    /** Run the job queue's worker inside the app process (default); false when `npm run worker` runs it. */
    JOBS_IN_APP: z.enum(["true", "false"]).default("true"),
    JOBS_CONCURRENCY: positiveInt(4),
    APP_URL: z.url().default("http://localhost:3000"),
    PAYMENT_GATEWAY: optionalText.pipe(z.enum(["sandbox", "zarinpal"]).optional()),
    ZARINPAL_MERCHANT_ID: optionalText.pipe(z.uuid().optional()),
    ZARINPAL_API_BASE: optionalText.pipe(z.url().optional()),
    PAYMENT_TIMEOUT_MS: positiveInt(10_000),
    INTENT_TTL_MINUTES: positiveInt(20),
    WALLET_TOPUP_MIN_RIAL: positiveInt(10_000),
    WALLET_TOPUP_MAX_RIAL: positiveInt(500_000_000),
    CANCEL_FULL_REFUND_HOURS: z.coerce.number().int().min(0).default(24),
    METRICS_TOKEN: optionalText,
    /** Sign-in codes one address may request per hour; raise it behind a NAT shared by many patients. */
    OTP_PER_IP_PER_HOUR: positiveInt(20),
    /** Proxies of our own in front of the app, each appending to X-Forwarded-For; 0 = `next start` faces clients. */
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    /** Sign-in codes the whole platform sends in any 60 minutes: bounds what an SMS-pumping attack can cost. */
    SMS_HOURLY_BUDGET: positiveInt(500),
    /** The least severe log lines written (pino levels); "silent" writes none. */
    LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
    /** json: one JSON object a line (production default, for the log pipeline); pretty: for a person at a terminal. */
    LOG_FORMAT: optionalText.pipe(z.enum(["json", "pretty"]).optional()),
    /** Waitlist offers (issue 12 §6): patients told at a time, and minutes before the next batch is told. */
    WAITLIST_BATCH_SIZE: positiveInt(3),
    WAITLIST_BATCH_MINUTES: positiveInt(10),
    /** Test servers only: waitlist offers go out at night too, so that journeys pass at any hour. */
    WAITLIST_OFFERS_AT_NIGHT: z.enum(["true", "false"]).default("false"),
    /** Set by the start command (package.json, Dockerfile): Next.js then leaves SIGTERM/SIGINT to the app's
     * drain (lib/ops/drain.ts) instead of closing the listener at once and exiting 143. */
    NEXT_MANUAL_SIG_HANDLE: optionalText,
    /** On SIGTERM: how long /api/health answers 503 while requests are still served, so that the load
     * balancer takes the instance out before its listener closes. */
    DRAIN_NOTICE_MS: z.coerce.number().int().min(0).default(3_000),
    /** On SIGTERM: the bound on the whole drain (notice, in-flight requests, running jobs, pool close);
     * past it the process exits 1 with what was still running. Below the orchestrator's kill timeout. */
    DRAIN_TIMEOUT_MS: positiveInt(25_000),
    /** A public demo: production may run the outbox and the sandbox, and every page says so. */
    DEMO_MODE: optionalText.pipe(z.enum(["true", "false"], { error: "must be true or false" }).optional()),
  })
  .superRefine((env, ctx) => {
    const production = env.NODE_ENV === "production";
    const require = (key: keyof typeof env, why: string) => {
      if (env[key] === undefined) ctx.addIssue({ code: "custom", path: [key], message: `is required ${why}` });
    };
    if (production) {
      require("SESSION_PASSWORD", "in production");
      require("SMS_DRIVER", "in production");
      require("PAYMENT_GATEWAY", "in production");
      require("METRICS_TOKEN", "in production");
      // The test doubles hand sign-in codes (/dev/sms) and free payments (/sandbox) to anyone.
      const refuse = (key: "SMS_DRIVER" | "PAYMENT_GATEWAY", real: string, why: string) =>
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: `${env[key]} ${why}: not allowed in production; use ${real}, or set DEMO_MODE=true for a public demo`,
        });
      if (env.DEMO_MODE !== "true") {
        if (env.SMS_DRIVER === "outbox") refuse("SMS_DRIVER", "kavenegar", "shows every sign-in code at /dev/sms");
        if (env.PAYMENT_GATEWAY === "sandbox") refuse("PAYMENT_GATEWAY", "zarinpal", "lets anyone pay for free");
        if (env.WAITLIST_OFFERS_AT_NIGHT === "true") {
          ctx.addIssue({
            code: "custom",
            path: ["WAITLIST_OFFERS_AT_NIGHT"],
            message: "true wakes patients at night: not allowed in production (test servers only)",
          });
        }
      }
    }
    if (env.DRAIN_NOTICE_MS >= env.DRAIN_TIMEOUT_MS) {
      ctx.addIssue({
        code: "custom",
        path: ["DRAIN_NOTICE_MS"],
        message: `must be shorter than DRAIN_TIMEOUT_MS (${env.DRAIN_TIMEOUT_MS})`,
      });
    }
    if (env.SMS_DRIVER === "kavenegar") require("KAVENEGAR_API_KEY", "when SMS_DRIVER=kavenegar");
    // Without its template, sign-in codes would go through sms/send.json over an advertising line, which
    // operators filter and delay: in production, codes go only through verify/lookup.json.
    if (production && env.SMS_DRIVER === "kavenegar") {
      require("KAVENEGAR_OTP_TEMPLATE", "in production when SMS_DRIVER=kavenegar (the verify/lookup template for sign-in codes)");
    }
    if (env.PAYMENT_GATEWAY === "zarinpal") require("ZARINPAL_MERCHANT_ID", "when PAYMENT_GATEWAY=zarinpal");
    for (const old of env.SESSION_PASSWORD_PREVIOUS?.split(",") ?? []) {
      if (old.trim().length < 32) {
        ctx.addIssue({ code: "custom", path: ["SESSION_PASSWORD_PREVIOUS"], message: "each password must be at least 32 characters" });
      }
    }
  });

function toConfig(env: z.infer<typeof envSchema>) {
  const gateway = env.PAYMENT_GATEWAY ?? "sandbox";
  const appUrl = env.APP_URL.replace(/\/+$/, "");
  const previous = env.SESSION_PASSWORD_PREVIOUS?.split(",").map((p) => p.trim()) ?? [];
  const production = env.NODE_ENV === "production";
  const demoMode = env.DEMO_MODE === "true";
  const smsDriver = env.SMS_DRIVER ?? "outbox";
  return {
    production,
    demoMode,
    /** The test doubles' public pages (/dev/*, /api/dev/*, /sandbox): never on a real production server. */
    devTools: {
      smsOutbox: smsDriver === "outbox" && (!production || demoMode),
      sandbox: gateway === "sandbox" && (!production || demoMode),
    },
    databaseUrl: env.DATABASE_URL,
    databasePoolMax: env.DATABASE_POOL_MAX,
    databaseConnectTimeoutS: env.DATABASE_CONNECT_TIMEOUT_S,
    databaseDirectUrl: env.DATABASE_DIRECT_URL,
    databasePrepare: env.DATABASE_PREPARE !== "false",
    pgliteDir: env.PGLITE_DIR,
    /** Newest password last; iron-session seals with the highest id and unseals with any. */
    sessionPasswords: Object.fromEntries(
      [...previous.reverse(), env.SESSION_PASSWORD ?? DEV_SESSION_PASSWORD].map((p, i) => [String(i + 1), p]),
    ) as Record<string, string>,
    sms: {
      driver: smsDriver,
      kavenegarApiKey: env.KAVENEGAR_API_KEY,
      kavenegarApiBase: env.KAVENEGAR_API_BASE.replace(/\/+$/, ""),
      kavenegarSender: env.KAVENEGAR_SENDER,
      kavenegarOtpTemplate: env.KAVENEGAR_OTP_TEMPLATE,
    },
    appUrl,
    payment: {
      gateway,
      merchantId: env.ZARINPAL_MERCHANT_ID ?? SANDBOX_MERCHANT_ID,
      apiBase: (env.ZARINPAL_API_BASE ?? (gateway === "sandbox" ? `${appUrl}/sandbox` : "https://payment.zarinpal.com")).replace(
        /\/+$/,
        "",
      ),
      timeoutMs: env.PAYMENT_TIMEOUT_MS,
      intentTtlMinutes: env.INTENT_TTL_MINUTES,
    },
    wallet: { topupMinRial: env.WALLET_TOPUP_MIN_RIAL, topupMaxRial: env.WALLET_TOPUP_MAX_RIAL },
    cancelFullRefundHours: env.CANCEL_FULL_REFUND_HOURS,
    metricsToken: env.METRICS_TOKEN,
    otpPerIpPerHour: env.OTP_PER_IP_PER_HOUR,
    trustedProxyHops: env.TRUSTED_PROXY_HOPS,
    smsHourlyBudget: env.SMS_HOURLY_BUDGET,
    jobs: { inApp: env.JOBS_IN_APP === "true", concurrency: env.JOBS_CONCURRENCY },
    log: { level: env.LOG_LEVEL, format: env.LOG_FORMAT ?? (production ? "json" : "pretty") },
    waitlist: {
      batchSize: env.WAITLIST_BATCH_SIZE,
      batchIntervalMs: env.WAITLIST_BATCH_MINUTES * 60_000,
      offersAtNight: env.WAITLIST_OFFERS_AT_NIGHT === "true",
    },
    drain: { manualSignals: env.NEXT_MANUAL_SIG_HANDLE === "true", noticeMs: env.DRAIN_NOTICE_MS, timeoutMs: env.DRAIN_TIMEOUT_MS },
  } as const;
}

export type AppConfig = ReturnType<typeof toConfig>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".") || "(env)"}: ${issue.message}`);
    throw new ConfigError(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return toConfig(parsed.data);
}

let cached: AppConfig | undefined;

export function config(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Where this server reaches itself: `next start` (and the standalone server.js) set it once they listen, so
 * it is read at call time, never cached. Null before that, or under another server. The page cache
 * (lib/public-cache/page-cache.ts) fills itself from here; never from the request's Host, which a client
 * chooses. */
export function selfOrigin(): string | null {
  return process.env.__NEXT_PRIVATE_ORIGIN || null;
}
