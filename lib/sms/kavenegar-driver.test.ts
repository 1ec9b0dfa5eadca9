import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { smsOutbox } from "@/db/schema";
import { createTestDatabase } from "@/db/testing/test-db";
import { messages } from "@/lib/i18n/messages";
import { REDACTED_CODE, kavenegarDriver } from "./kavenegar-driver";
import { SmsDeliveryError } from "./sms-driver";

/* A stand-in for api.kavenegar.com on a local port: it records every request and answers with whatever the
 * test put in `reply`. */

type Recorded = { method?: string; url?: string; headers: IncomingMessage["headers"]; body: string };
type Reply = (request: Recorded, response: ServerResponse) => void;

const json =
  (status: number, payload: unknown): Reply =>
  (_request, response) => {
    response.writeHead(status, { "content-type": "application/json; charset=utf-8" });
    response.end(JSON.stringify(payload));
  };

const accepted = json(200, {
  return: { status: 200, message: "تایید شد" },
  entries: [
    {
      messageid: 8792343,
      message: "…",
      status: 1,
      statustext: "در صف ارسال",
      sender: "10004346",
      receptor: "09121234567",
      date: 1356619709,
      cost: 120,
    },
  ],
});

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let server: Server;
let apiBase: string;
let requests: Recorded[];
let reply: Reply;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const recorded: Recorded = {
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(recorded);
      reply(recorded, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  apiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await database.close();
});

beforeEach(() => {
  requests = [];
  reply = accepted;
});

let sequence = 0;
const freshPhone = () => `0935${String(++sequence).padStart(7, "0")}`;

async function outboxFor(phone: string) {
  return db.select().from(smsOutbox).where(eq(smsOutbox.phone, phone)).orderBy(asc(smsOutbox.createdAt));
}

async function deliveryError(send: Promise<void>): Promise<SmsDeliveryError> {
  const error = await send.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SmsDeliveryError);
  return error as SmsDeliveryError;
}

describe("kavenegarDriver", () => {
  it("posts the message as a form to /v1/{apiKey}/sms/send.json and records it as sent", async () => {
    const phone = freshPhone();
    const body = "دکتر نوبت\nکد ورود شما: 123456";
    const driver = kavenegarDriver(db, { apiBase, apiKey: "TEST-KEY-1234", sender: "10004346" });
    expect(driver.name).toBe("kavenegar");

    await driver.send(phone, body);

    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request!.method).toBe("POST");
    expect(request!.url).toBe("/v1/TEST-KEY-1234/sms/send.json");
    expect(request!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    const form = new URLSearchParams(request!.body);
    expect(Object.fromEntries(form)).toEqual({ receptor: phone, message: body, sender: "10004346" });

    const rows = await outboxFor(phone);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ phone, body, driver: "kavenegar", status: "sent", error: null });
  });

  it("leaves the sender out when none is configured, and escapes the API key in the path", async () => {
    const phone = freshPhone();
    await kavenegarDriver(db, { apiBase, apiKey: "a/b c?d" }).send(phone, "سلام");
    expect(requests).toHaveLength(1);
    expect(requests[0]!.url).toBe("/v1/a%2Fb%20c%3Fd/sms/send.json");
    const form = new URLSearchParams(requests[0]!.body);
    expect([...form.keys()].sort()).toEqual(["message", "receptor"]);
    expect(form.get("message")).toBe("سلام");
    expect((await outboxFor(phone))[0]!.status).toBe("sent");
  });

  it("throws and records a failed row when Kavenegar's return.status is not 200", async () => {
    const phone = freshPhone();
    reply = json(200, { return: { status: 418, message: "اعتبار کافی نمی‌باشد" }, entries: null });

    const error = await deliveryError(kavenegarDriver(db, { apiBase, apiKey: "k" }).send(phone, "کد: 111111"));
    expect(error.message).toContain("418");
    expect(error.message).toContain("اعتبار کافی نمی‌باشد");

    const rows = await outboxFor(phone);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ phone, body: "کد: 111111", driver: "kavenegar", status: "failed", error: error.message });
  });

  it("treats an HTTP error with Kavenegar's JSON body as a failure", async () => {
    const phone = freshPhone();
    reply = json(401, { return: { status: 401, message: "کلید API نامعتبر است" }, entries: null });
    const error = await deliveryError(kavenegarDriver(db, { apiBase, apiKey: "wrong" }).send(phone, "x"));
    expect(error.message).toContain("401");
    expect((await outboxFor(phone))[0]).toMatchObject({ status: "failed", error: error.message });
  });

  it("treats a response that is not Kavenegar's JSON as a failure, even with HTTP 200", async () => {
    const phone = freshPhone();
    reply = (_request, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.end("<html>maintenance</html>");
    };
    const okButWrong = await deliveryError(kavenegarDriver(db, { apiBase, apiKey: "k" }).send(phone, "x"));
    expect(okButWrong.message).toContain("200");

    reply = (_request, response) => {
      response.writeHead(502);
      response.end("bad gateway");
    };
    const badGateway = await deliveryError(kavenegarDriver(db, { apiBase, apiKey: "k" }).send(phone, "y"));
    expect(badGateway.message).toContain("502");

    const rows = await outboxFor(phone);
    expect(rows.map((r) => [r.body, r.status, r.error])).toEqual([
      ["x", "failed", okButWrong.message],
      ["y", "failed", badGateway.message],
    ]);
  });

  it("throws and records a failed row when the server cannot be reached", async () => {
    // Take a free port and close it again, so nothing listens there.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const phone = freshPhone();
    const error = await deliveryError(
      kavenegarDriver(db, { apiBase: `http://127.0.0.1:${port}`, apiKey: "k", timeoutMs: 2_000 }).send(phone, "کد: 222222"),
    );
    expect(error.message).toMatch(/^kavenegar unreachable: /);
    expect(requests).toHaveLength(0);
    const rows = await outboxFor(phone);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ body: "کد: 222222", driver: "kavenegar", status: "failed", error: error.message });
  });

  it("gives up on a server that does not answer in time", async () => {
    const phone = freshPhone();
    reply = () => {
      // Never answers; afterAll closes the connection.
    };
    const started = Date.now();
    const error = await deliveryError(kavenegarDriver(db, { apiBase, apiKey: "k", timeoutMs: 200 }).send(phone, "x"));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error.message).toMatch(/^kavenegar unreachable: /);
    expect(requests).toHaveLength(1);
    expect((await outboxFor(phone))[0]).toMatchObject({ status: "failed", error: error.message });
  });

  it("sends sign-in codes through verify/lookup.json with the OTP template, and keeps the messageid and status", async () => {
    const phone = freshPhone();
    await kavenegarDriver(db, { apiBase, apiKey: "k", sender: "10004346", otpTemplate: "drturn-otp" }).sendCode(phone, "482913");
    expect(requests).toHaveLength(1);
    expect(requests[0]!.url).toBe("/v1/k/verify/lookup.json");
    expect(Object.fromEntries(new URLSearchParams(requests[0]!.body))).toEqual({
      receptor: phone,
      token: "482913",
      template: "drturn-otp",
    });
    const [row] = await outboxFor(phone);
    expect(row).toMatchObject({ status: "sent", providerMessageId: "8792343", providerStatus: 1 });
    // The outbox keeps the message with the code hidden, never the code itself.
    expect(row!.body).toBe(messages.auth.otpSms(REDACTED_CODE));
    expect(row!.body).not.toContain("482913");
  });

  it("without a template, sign-in codes go through sms/send.json like any message, and the outbox hides the code", async () => {
    const phone = freshPhone();
    await kavenegarDriver(db, { apiBase, apiKey: "k" }).sendCode(phone, "111222");
    expect(requests[0]!.url).toBe("/v1/k/sms/send.json");
    expect(new URLSearchParams(requests[0]!.body).get("message")).toBe(messages.auth.otpSms("111222"));
    const [row] = await outboxFor(phone);
    expect(row).toMatchObject({ status: "sent", body: messages.auth.otpSms(REDACTED_CODE) });
    expect(row!.body).not.toContain("111222");
  });

  it("a refused sign-in code is recorded failed with the code hidden too", async () => {
    const phone = freshPhone();
    reply = json(200, { return: { status: 418, message: "اعتبار کافی نمی‌باشد" }, entries: null });
    await deliveryError(kavenegarDriver(db, { apiBase, apiKey: "k", otpTemplate: "drturn-otp" }).sendCode(phone, "654321"));
    const [row] = await outboxFor(phone);
    expect(row).toMatchObject({ status: "failed", body: messages.auth.otpSms(REDACTED_CODE) });
  });

  it("hands a recorded message over with its localid; a repeat asks Kavenegar first and sends only if it has none", async () => {
    const kavenegar = kavenegarDriver(db, { apiBase, apiKey: "k" });
    const first = await kavenegar.transmit({ localId: 41, phone: "09350000041", body: "x", repeat: false });
    expect(first).toEqual({ providerMessageId: "8792343", providerStatus: 1 });
    expect(requests.map((r) => r.url)).toEqual(["/v1/k/sms/send.json"]);
    expect(new URLSearchParams(requests[0]!.body).get("localid")).toBe("41");

    requests = [];
    reply = json(200, { return: { status: 200, message: "تایید شد" }, entries: [{ messageid: 555, localid: "41", status: 10 }] });
    expect(await kavenegar.transmit({ localId: 41, phone: "09350000041", body: "x", repeat: true })).toEqual({
      providerMessageId: "555",
      providerStatus: 10,
    });
    expect(requests.map((r) => r.url)).toEqual(["/v1/k/sms/statuslocalmessageid.json"]);

    requests = [];
    reply = (request, response) =>
      (request.url?.endsWith("statuslocalmessageid.json")
        ? json(200, { return: { status: 200, message: "تایید شد" }, entries: [{ messageid: null, status: 100 }] })
        : accepted)(request, response);
    await kavenegar.transmit({ localId: 42, phone: "09350000042", body: "y", repeat: true });
    expect(requests.map((r) => r.url)).toEqual(["/v1/k/sms/statuslocalmessageid.json", "/v1/k/sms/send.json"]);
  });
});
