import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config";
import { realProductionEnv as production } from "./testing/production-env";

/** Production refuses the test doubles (the SMS outbox shows every sign-in code, the sandbox takes no money)
 * unless DEMO_MODE=true says the server is a public demo. */

function refusal(env: Record<string, string | undefined>): string {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error("the configuration was accepted");
}

describe("test doubles in production", () => {
  it("refuses SMS_DRIVER=outbox in production, naming the variable", () => {
    const message = refusal({ ...production, SMS_DRIVER: "outbox" });
    expect(message).toMatch(/^ {2}SMS_DRIVER: outbox .*DEMO_MODE=true/m);
    expect(message).not.toContain("PAYMENT_GATEWAY");
  });

  it("refuses PAYMENT_GATEWAY=sandbox in production, naming the variable", () => {
    const message = refusal({ ...production, PAYMENT_GATEWAY: "sandbox" });
    expect(message).toMatch(/^ {2}PAYMENT_GATEWAY: sandbox .*DEMO_MODE=true/m);
    expect(message).not.toContain("SMS_DRIVER");
  });

  it("names both when both are test doubles, and DEMO_MODE=false changes nothing", () => {
    for (const demo of [{}, { DEMO_MODE: "false" }, { DEMO_MODE: "" }]) {
      const message = refusal({ ...production, SMS_DRIVER: "outbox", PAYMENT_GATEWAY: "sandbox", ...demo });
      expect(message).toMatch(/SMS_DRIVER: outbox/);
      expect(message).toMatch(/PAYMENT_GATEWAY: sandbox/);
    }
  });

  it("accepts them with DEMO_MODE=true, and then the dev pages and the sandbox are open", () => {
    const cfg = parseConfig({ ...production, SMS_DRIVER: "outbox", PAYMENT_GATEWAY: "sandbox", DEMO_MODE: "true" });
    expect(cfg.demoMode).toBe(true);
    expect(cfg.devTools).toEqual({ smsOutbox: true, sandbox: true });
  });

  it("a real production server has no dev pages and no sandbox", () => {
    const cfg = parseConfig(production);
    expect(cfg.demoMode).toBe(false);
    expect(cfg.devTools).toEqual({ smsOutbox: false, sandbox: false });
    // Demo mode on a real server only shows the banner: the real drivers stay, the dev pages stay closed.
    expect(parseConfig({ ...production, DEMO_MODE: "true" }).devTools).toEqual({ smsOutbox: false, sandbox: false });
  });

  it("outside production the test doubles are the defaults, without a banner", () => {
    for (const NODE_ENV of ["development", "test"]) {
      const cfg = parseConfig({ NODE_ENV });
      expect(cfg.demoMode).toBe(false);
      expect(cfg.devTools).toEqual({ smsOutbox: true, sandbox: true });
    }
  });

  it("DEMO_MODE is true or false, nothing else", () => {
    expect(refusal({ ...production, DEMO_MODE: "yes" })).toMatch(/^ {2}DEMO_MODE: must be true or false/m);
  });
});

/** `env` without `key`, as a server whose environment never set it. */
const without = (env: Record<string, string>, key: string) => Object.fromEntries(Object.entries(env).filter(([k]) => k !== key));

describe("Kavenegar in production", () => {
  it("requires KAVENEGAR_OTP_TEMPLATE with SMS_DRIVER=kavenegar, naming it, as it does the API key", () => {
    const message = refusal(without(production, "KAVENEGAR_OTP_TEMPLATE"));
    expect(message).toMatch(/^ {2}KAVENEGAR_OTP_TEMPLATE: is required in production when SMS_DRIVER=kavenegar/m);
    expect(message).not.toContain("KAVENEGAR_API_KEY");
    expect(refusal({ ...production, KAVENEGAR_OTP_TEMPLATE: "" })).toMatch(/KAVENEGAR_OTP_TEMPLATE: is required/);
    expect(refusal(without(production, "KAVENEGAR_API_KEY"))).toMatch(/^ {2}KAVENEGAR_API_KEY: is required when SMS_DRIVER=kavenegar/m);
    expect(parseConfig(production).sms.kavenegarOtpTemplate).toBe("drturn-otp");
  });

  it("outside production, or with the outbox of a demo, the template stays optional", () => {
    const withoutTemplate = without(production, "KAVENEGAR_OTP_TEMPLATE");
    expect(parseConfig({ ...withoutTemplate, NODE_ENV: "development" }).sms.kavenegarOtpTemplate).toBeUndefined();
    expect(parseConfig({ ...withoutTemplate, SMS_DRIVER: "outbox", DEMO_MODE: "true" }).sms.driver).toBe("outbox");
  });
});
