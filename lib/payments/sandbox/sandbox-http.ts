import { z } from "zod";
import type { Db } from "@/db/client";
import { formatToman } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import {
  SANDBOX_AUTHORITY,
  sandboxFault,
  sandboxInquiry,
  sandboxPayerChoice,
  sandboxPayment,
  sandboxRequest,
  sandboxReverse,
  sandboxUnverified,
  sandboxVerify,
  setSandboxFault,
  type SandboxAnswer,
} from "./sandbox-gateway";

/** The sandbox's HTTP surface as a fetch handler, so the Next.js route and the tests' local server serve
 * exactly the same code. `path` is what follows /sandbox/. */
export type SandboxHttpOptions = {
  db: Db;
  verifyTimeoutHoldMs: number;
  /** The gateway's clock (when a payment was paid, whether reverse's 30 minutes are over): tests move it. */
  now?: () => Date;
};

const t = messages.sandbox;
const API_ACTIONS = {
  "request.json": sandboxRequest,
  "verify.json": sandboxVerify,
  "inquiry.json": sandboxInquiry,
  "unVerified.json": sandboxUnverified,
  "reverse.json": sandboxReverse,
} as const;

const controlBody = z.object({ fault: z.enum(["none", "verify-timeout", "verify-500", "drop-callback"]) });
const payerForm = z.object({ result: z.enum(["paid", "failed", "cancelled"]) });

const json = (answer: SandboxAnswer) => Response.json(answer.body, { status: answer.http });

/** The payer page's stylesheet, a rule a line; sent as one line. */
const PAGE_STYLE = [
  "body{font-family:Vazirmatn,Tahoma,sans-serif;background:#fff8e6;margin:0;padding:1rem}",
  "main{max-width:420px;margin:2rem auto;background:#fff;border-radius:12px;padding:1.5rem;box-shadow:0 1px 4px #0002}",
  "button{display:block;width:100%;min-height:48px;margin:.5rem 0;font:inherit;border-radius:10px;border:0;cursor:pointer}",
  ".paid{background:#146c2e;color:#fff}",
  ".failed{background:#b42318;color:#fff}",
  ".cancelled{background:#eee}",
  "button:focus-visible{outline:3px solid #f59e0b}",
].join("");

/** The whole payer page around `body` (HTML, its text already escaped), sent as one line. */
const page = (body: string) =>
  [
    '<!doctype html><html lang="fa" dir="rtl">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${t.title}</title><style>${PAGE_STYLE}</style></head>`,
    `<body><main>${body}</main></body></html>`,
  ].join("");

const html = (body: string, status = 200) =>
  new Response(page(body), { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export async function handleSandboxRequest(request: Request, path: string[], options: SandboxHttpOptions): Promise<Response> {
  const { db } = options;
  const [first, second, third, fourth] = path;

  if (request.method === "POST" && path.length === 1 && first === "control") {
    const parsed = controlBody.safeParse(await request.json().catch(() => null));
    if (!parsed.success)
      return Response.json({ error: "fault must be none, verify-timeout, verify-500 or drop-callback" }, { status: 400 });
    await setSandboxFault(db, parsed.data.fault);
    return Response.json({ fault: parsed.data.fault });
  }

  if (request.method === "POST" && first === "pg" && second === "v4" && third === "payment" && fourth && path.length === 4) {
    const action = API_ACTIONS[fourth as keyof typeof API_ACTIONS];
    if (!action) return new Response(null, { status: 404 });
    const body = await request.json().catch(() => null);
    if (!body || typeof body !== "object" || Array.isArray(body)) {
      return json({
        http: 400,
        body: { data: [], errors: { code: -9, message: "The input params invalid, validation error.", validations: [] } },
      });
    }
    if (fourth === "verify.json") {
      const fault = await sandboxFault(db);
      if (fault === "verify-timeout") {
        // Hold the request past the client's timeout without verifying anything, like a gateway that hangs.
        await new Promise((resolve) => setTimeout(resolve, options.verifyTimeoutHoldMs));
        return new Response("Gateway Timeout", { status: 504 });
      }
      if (fault === "verify-500") return new Response("Internal Server Error", { status: 500 });
    }
    return json(await action(db, body as Record<string, unknown>, options.now?.() ?? new Date()));
  }

  // ZarinGate (StartPay/{authority}/ZarinGate) sends the payer straight to the bank; here it is the same page.
  if (first === "pg" && second === "StartPay" && third && (path.length === 3 || (path.length === 4 && fourth === "ZarinGate"))) {
    if (!SANDBOX_AUTHORITY.test(third)) return html(`<h1>${t.unknown}</h1>`, 404);
    if (request.method === "GET") {
      const payment = await sandboxPayment(db, third);
      if (!payment) return html(`<h1>${t.unknown}</h1>`, 404);
      return html(`<h1>${t.title}</h1>
<p>${t.amount}: <strong>${formatToman(payment.currency === "IRT" ? payment.amount * 10 : payment.amount)}</strong></p>
<p>${escapeHtml(payment.description)}</p>
<form method="post">
<button class="paid" name="result" value="paid">${t.pay}</button>
<button class="failed" name="result" value="failed">${t.fail}</button>
<button class="cancelled" name="result" value="cancelled">${t.cancel}</button>
</form>`);
    }
    if (request.method === "POST") {
      const parsed = payerForm.safeParse(Object.fromEntries(await request.formData().catch(() => new FormData())));
      if (!parsed.success) return html(`<h1>${t.badChoice}</h1>`, 400);
      const outcome = await sandboxPayerChoice(db, third, parsed.data.result, options.now?.() ?? new Date());
      if (!outcome) return html(`<h1>${t.unknown}</h1>`, 404);
      if (parsed.data.result === "paid" && (await sandboxFault(db)) === "drop-callback") {
        return html(`<h1>${t.droppedTitle}</h1><p>${t.droppedBody}</p>`);
      }
      return new Response(null, { status: 303, headers: { location: outcome.redirect, "cache-control": "no-store" } });
    }
  }
  return new Response(null, { status: 404 });
}
