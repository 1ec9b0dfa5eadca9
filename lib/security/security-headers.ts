/** The headers every response carries: pages, route handlers, server action answers, static files, errors.
 *
 * Why the script policy allows 'unsafe-inline' and no nonce: the App Router writes each page's React Server
 * Component payload into inline `<script>self.__next_f.push(…)</script>` tags whose text differs per page
 * and per request, so no list of hashes can cover them; the nonce alternative makes Next render every page per
 * request (the nonce must be fresh each time), which rules out cached public pages. Next's experimental
 * Subresource Integrity hashes only the script *files*, not those inline tags. What keeps injected script out
 * instead: React escapes everything it renders, the app has no dangerouslySetInnerHTML, and scripts may come
 * from this origin only (no CDN, no third party), while `object-src 'none'`, `base-uri 'self'` and
 * `form-action` (the app and the payment gateway only) close the other injection and exfiltration routes.
 * Styles allow 'unsafe-inline' for React's `style` attributes. */

export type SecurityHeaderOptions = {
  /** APP_URL: HSTS and upgrade-insecure-requests only when it is https. */
  appUrl: string;
  /** Where the payment gateway's StartPay page lives: a checkout form's server action redirects there, and
   * Chromium applies form-action to the redirects that follow a form submission. */
  gatewayUrl: string;
  /** `next dev` needs eval for its fast refresh; a production build does not. */
  production: boolean;
};

const ONE_YEAR_SECONDS = 31_536_000;

export function contentSecurityPolicy({ appUrl, gatewayUrl, production }: SecurityHeaderOptions): string {
  const https = new URL(appUrl).protocol === "https:";
  // The app's own configured origin as well as 'self': the gateway returns the patient to APP_URL, and the
  // in-app sandbox's StartPay form (served with this same policy) posts onward to it.
  const formTargets = [...new Set(["'self'", new URL(appUrl).origin, new URL(gatewayUrl).origin])];
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${production ? "" : " 'unsafe-eval'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action ${formTargets.join(" ")}`,
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** The policy of a file a user uploaded (a chat photo or PDF): nothing in it may run, load or be framed, even
 * opened directly in the browser. */
export const USER_FILE_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'";

/** Where responses are users' files: the proxy gives them USER_FILE_CSP instead of the pages' policy, which it
 * would otherwise write over the route's own (a proxy's headers win over the route's). */
const USER_FILE_PATHS = [/^\/api\/chats\/[^/]+\/files\/[^/]+$/, /^\/api\/doctor-photos\/[^/]+\/[^/]+$/];

export function isUserFilePath(pathname: string): boolean {
  return USER_FILE_PATHS.some((pattern) => pattern.test(pathname));
}

export function securityHeaders(options: SecurityHeaderOptions): [name: string, value: string][] {
  const https = new URL(options.appUrl).protocol === "https:";
  return [
    ["Content-Security-Policy", contentSecurityPolicy(options)],
    // For browsers that predate frame-ancestors.
    ["X-Frame-Options", "DENY"],
    ["X-Content-Type-Options", "nosniff"],
    // The gateway and other sites see our origin, never a path (payment ids, authorities, reservation ids).
    ["Referrer-Policy", "strict-origin-when-cross-origin"],
    // Only features every current browser knows: an unknown one is logged as a console error on every page.
    ["Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), accelerometer=(), gyroscope=(), magnetometer=()"],
    ["Cross-Origin-Opener-Policy", "same-origin"],
    // Sent over plain http, HSTS would pin a development or test host to https; browsers ignore it there anyway.
    ...(https ? [["Strict-Transport-Security", `max-age=${ONE_YEAR_SECONDS}; includeSubDomains`] as [string, string]] : []),
  ];
}
