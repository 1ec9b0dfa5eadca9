import { messages } from "@/lib/i18n/messages";

/** Answers of the route handlers that serve one user's files (a calendar file, a receipt PDF). */

/** Not found, in Persian: an unknown id and one the caller may not see get this alike. */
export function notFoundAnswer(): Response {
  return new Response(messages.common.notFoundBody, {
    status: 404,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

/** A signed-out visitor: to sign-in, and back to `returnTo` (a page of RETURN_PAGES) afterwards. */
export function signInFirstAnswer(returnTo: string): Response {
  return new Response(null, {
    status: 303,
    headers: { location: `/login?next=${encodeURIComponent(returnTo)}`, "cache-control": "no-store" },
  });
}
