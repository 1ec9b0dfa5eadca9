import { messages } from "@/lib/i18n/messages";

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The answer of a route handler (not a page: those have error.tsx) whose request met the database
 * unreachable: a small Persian page, 503 with Retry-After, and a link that repeats the same request (the
 * handlers that use it are idempotent). Self-contained: no layout, no database, no script. */
export function unavailablePage(input: { message: string; retryUrl: string }): Response {
  const t = messages.common;
  const html = `<!doctype html>
<html lang="fa" dir="rtl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escape(t.appName)}</title>
<style>body{font-family:Vazirmatn,Tahoma,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.9}a{display:inline-block;padding:.6rem 1.2rem;background:#0f766e;color:#fff;border-radius:.5rem;text-decoration:none}</style>
</head><body><main role="alert"><h1>${escape(t.appName)}</h1><p>${escape(input.message)}</p><p><a href="${escape(input.retryUrl)}">${escape(t.tryAgain)}</a></p></main></body></html>`;
  return new Response(html, {
    status: 503,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "retry-after": "5" },
  });
}
