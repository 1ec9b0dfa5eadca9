/** The sign-in cookie's name, apart from the session adapter: the page cache (lib/public-cache/page-cache.ts)
 * must tell a signed-in visitor without reading Next's cookies. */
export const SESSION_COOKIE_NAME = "drturn_session";
