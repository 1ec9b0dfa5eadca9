import { NextResponse } from "next/server";
import { config as appConfig } from "@/lib/config";
import { securityHeaders } from "@/lib/security/security-headers";

/** Adds the security headers to every response. In the proxy rather than next.config.ts `headers()`: those are
 * fixed when the app is built, while HSTS and the gateway origin follow APP_URL and ZARINPAL_API_BASE as the
 * server is started with them. Headers on a pass-through response never make a page dynamic. */

let headers: [string, string][] | undefined;

function headerList(): [string, string][] {
  if (!headers) {
    const { appUrl, payment, production } = appConfig();
    headers = securityHeaders({ appUrl, gatewayUrl: payment.apiBase, production });
  }
  return headers;
}

export function proxy() {
  const response = NextResponse.next();
  for (const [name, value] of headerList()) response.headers.set(name, value);
  return response;
}
