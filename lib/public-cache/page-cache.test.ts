import { describe, expect, it } from "vitest";
import { cacheablePage, keptPageResponse, type PageRequest } from "./page-cache";

const DOCTOR = "7ed8e55f-aa12-4509-97a3-509d23ce7f06";

function request(path: string, options: { method?: string; headers?: Record<string, string>; cookies?: string[] } = {}): PageRequest {
  return {
    method: options.method ?? "GET",
    url: new URL(path, "http://127.0.0.1:3100"),
    headers: new Headers({ accept: "text/html,application/xhtml+xml,*/*;q=0.8", ...options.headers }),
    hasCookie: (name) => (options.cookies ?? []).includes(name),
  };
}

describe("which requests the page cache answers", () => {
  it("keeps the home page, the search by its filters in one order, and a doctor's page under the doctor's tag", () => {
    expect(cacheablePage(request("/"))).toEqual({ key: "/", tags: ["directory"] });
    expect(cacheablePage(request("/doctors?free=week&q=%D9%82%D9%84%D8%A8"))).toEqual(
      cacheablePage(request("/doctors?q=%D9%82%D9%84%D8%A8&free=week")),
    );
    expect(cacheablePage(request("/doctors?free=week"))?.tags).toEqual(["directory"]);
    expect(cacheablePage(request("/doctors?page=2&free=week"))?.key).toBe("/doctors?free=week&page=2");
    expect(cacheablePage(request(`/doctors/${DOCTOR}`))).toEqual({ key: `/doctors/${DOCTOR}`, tags: [`doctor:${DOCTOR}`] });
  });

  it("renders for a signed-in visitor, a client navigation, an action, the fill itself and anything else", () => {
    expect(cacheablePage(request("/", { cookies: ["drturn_session"] }))).toBeNull();
    expect(cacheablePage(request("/", { headers: { rsc: "1" } }))).toBeNull();
    // The router's fetch of an RSC payload, as the proxy sees it: no rsc header, no _rsc, no HTML asked for.
    expect(cacheablePage(request("/doctors", { headers: { accept: "*/*" } }))).toBeNull();
    expect(cacheablePage(request("/", { headers: { "next-url": "/" } }))).toBeNull();
    expect(cacheablePage(request("/doctors?_rsc=abc"))).toBeNull();
    expect(cacheablePage(request(`/doctors/${DOCTOR}`, { method: "POST", headers: { "next-action": "x" } }))).toBeNull();
    expect(cacheablePage(request("/", { headers: { "x-drturn-page-fill": "1" } }))).toBeNull();
    expect(cacheablePage(request("/doctors?utm_source=x"))).toBeNull();
    expect(cacheablePage(request("/?q=x"))).toBeNull();
    expect(cacheablePage(request(`/doctors/${DOCTOR}?x=1`))).toBeNull();
    expect(cacheablePage(request(`/doctors/${DOCTOR}/chat`))).toBeNull();
    expect(cacheablePage(request(`/doctors/${DOCTOR.toUpperCase()}`))).toBeNull();
    expect(cacheablePage(request("/login"))).toBeNull();
  });

  it("answers the kept page as it was rendered, marked as a hit", async () => {
    const body = Buffer.from("<!doctype html><p>سلام</p>");
    const answer = keptPageResponse({ body, headers: [["content-type", "text/html; charset=utf-8"]] });
    expect(answer.headers.get("x-page-cache")).toBe("hit");
    expect(answer.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await answer.text()).toBe(body.toString());
  });
});
