/** Whether every %-escape in a path decodes to UTF-8. `/doctors/%ED%A0%80` (a lone surrogate) or `/book/%FF`
 * cannot name any page, and Next's router answers them with a bare English "Internal Server Error" when it
 * decodes the route parameters: the proxy turns them away first. */
export function isDecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}
