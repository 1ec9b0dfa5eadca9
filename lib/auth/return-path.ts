import { err, ok, type Result } from "@/lib/shared/result";

/** Where sign-in may send the browser afterwards (`/login?next=…`). An open redirect would let a phishing link
 * bounce through our sign-in, so `next` is accepted only when the WHATWG URL parser — the one the browser will
 * use — resolves it against APP_URL to our own origin and one of our pages; the browser is then sent to the
 * path the parser produced, never to the text we were given. Prefix checks on the raw text are not enough:
 * the parser drops tabs and newlines and reads `\` as `/`, so `/\t/evil.example` becomes `//evil.example`. */

/** Longer than any path the app builds (a UUID page with a query); longer is refused rather than cut. */
export const MAX_RETURN_PATH_LENGTH = 512;

/** Every page a signed-out visitor can be sent back to, as route patterns (`[x]` = one path segment). Sign-in
 * itself and the developer pages are not among them. `return-path.test.ts` compares this list with `app/`. */
export const RETURN_PAGES = [
  "/",
  "/doctors",
  "/doctors/[id]",
  "/doctors/[id]/chat",
  "/book/[slotId]",
  "/appointments",
  "/profile",
  "/payments",
  "/wallet",
  "/account",
  "/account/data",
  "/account/deleted",
  "/appointments/[id]/review",
  "/appointments/[id]/reschedule",
  "/notifications",
  "/notifications/settings",
  "/chats",
  "/chats/[id]",
  "/pay/confirm/[intentId]",
  "/pay/not-found",
  "/pay/result/[attemptId]",
  "/pay/shortfall/[intentId]",
  "/receipts/[attemptId]",
  "/doctor",
  "/doctor/chats",
  "/doctor/chats/[id]",
  "/doctor/reviews",
  "/doctor/schedule",
  "/staff",
  "/staff/appointments",
  "/staff/audit",
  "/staff/business",
  "/staff/clinic",
  "/staff/doctors",
  "/staff/doctors/[id]",
  "/staff/team",
  "/staff/reviews",
  "/staff/monitoring",
  "/staff/payments",
  "/staff/payouts",
  "/staff/refunds",
  "/staff/schedule",
] as const;

export type ReturnPathError = { code: "too_long" } | { code: "not_our_page" };

const segmentsOf = (pattern: string) => pattern.split("/").filter(Boolean);
const PAGE_PATTERNS = RETURN_PAGES.map(segmentsOf);

function isKnownPage(pathname: string): boolean {
  // pathname is what the parser serialised: "/" or "/a/b" (a trailing slash leaves an empty last segment).
  const segments = pathname.split("/").slice(1);
  if (segments.length === 1 && segments[0] === "") return true;
  return PAGE_PATTERNS.some(
    (pattern) =>
      pattern.length === segments.length &&
      pattern.every((part, i) => segments[i] !== "" && (part.startsWith("[") || part === segments[i])),
  );
}

/** The same-origin path (with its query and fragment) that `next` resolves to, or why it is refused. */
export function resolveReturnPath(next: string, appUrl: string): Result<string, ReturnPathError> {
  if (next.length > MAX_RETURN_PATH_LENGTH) return err({ code: "too_long" });
  const base = new URL(appUrl);
  let target: URL;
  try {
    target = new URL(next, base);
  } catch {
    return err({ code: "not_our_page" });
  }
  if (target.origin !== base.origin || target.username !== "" || target.password !== "") {
    return err({ code: "not_our_page" });
  }
  if (!isKnownPage(target.pathname)) return err({ code: "not_our_page" });
  const path = `${target.pathname}${target.search}${target.hash}`;
  // A known page never serialises to "//…", but the redirect must never be protocol-relative whatever changes.
  if (!path.startsWith("/") || path.startsWith("//")) return err({ code: "not_our_page" });
  return ok(path);
}
