import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

/** The production build's server actions (.next/server/server-reference-manifest.json): id, the file and name
 * it was exported as, and the pages it is bound in. */
export type ServerAction = { id: string; filename?: string; exportedName?: string; pages: string[] };

export function buildManifest<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(process.cwd(), ".next", "server", name), "utf8")) as T;
}

export function serverActions(): ServerAction[] {
  type Reference = { workers: Record<string, unknown>; filename?: string; exportedName?: string };
  const node = buildManifest<{ node: Record<string, Reference> }>("server-reference-manifest.json").node;
  return Object.entries(node).map(([id, r]) => ({ id, filename: r.filename, exportedName: r.exportedName, pages: Object.keys(r.workers) }));
}

export function serverAction(exportedName: string, fileContains: string): ServerAction {
  const found = serverActions().find((a) => a.exportedName === exportedName && a.filename?.includes(fileContains));
  if (!found) throw new Error(`no server action ${exportedName} in ${fileContains}`);
  return found;
}

/** React's encoding of a (previous state, FormData) call: "0" holds the arguments, "1_…" the form's fields. */
export function actionForm(fields: Record<string, string>): FormData {
  const data = new FormData();
  data.set("0", JSON.stringify([{}, "$K1"]));
  for (const [key, value] of Object.entries(fields)) data.set(`1_${key}`, value);
  return data;
}

/** The Cookie header of a browser context's cookies. The production server marks the session cookie Secure:
 * Chromium sends it to http://127.0.0.1 (a trustworthy origin), Playwright's API requests do not, so a request
 * meant to come from the signed-in patient must carry it itself. */
export function cookieHeader(cookies: { name: string; value: string }[]): { cookie: string } {
  return { cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; ") };
}

/** Calls a server action as any client can: a POST to a page that binds it, with the Next-Action header. */
export function postAction(
  api: APIRequestContext,
  pagePath: string,
  actionId: string,
  body: FormData | string,
  headers: Record<string, string> = {},
) {
  return api.post(pagePath, {
    headers: {
      ...headers,
      "next-action": actionId,
      accept: "text/x-component",
      ...(typeof body === "string" ? { "content-type": "text/plain;charset=UTF-8" } : {}),
    },
    ...(typeof body === "string" ? { data: body } : { multipart: body }),
    maxRedirects: 0,
  });
}
