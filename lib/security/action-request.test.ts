import { describe, expect, it } from "vitest";
import { ACTION_BODY_LIMIT_BYTES, actionRequestProblem } from "./action-request";

const call = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request("http://app.test/login", { method: "POST", body, headers: { "next-action": "60ab", ...headers } });

const form = (args: string | null) => {
  const data = new FormData();
  if (args !== null) data.set("0", args);
  data.set("1_phone", "09120000001");
  return data;
};

describe("actionRequestProblem", () => {
  it("lets every well-formed call through, and whatever is not an action call", async () => {
    expect(await actionRequestProblem(call('["a1b2"]', { "content-type": "text/plain;charset=UTF-8" }))).toBeNull();
    expect(await actionRequestProblem(call("[]", { "content-type": "text/plain;charset=UTF-8" }))).toBeNull();
    expect(await actionRequestProblem(call(form('[{},"$K1"]')))).toBeNull();
    expect(await actionRequestProblem(new Request("http://app.test/login", { method: "POST", body: "{" }))).toBeNull();
    expect(await actionRequestProblem(new Request("http://app.test/login", { headers: { "next-action": "60ab" } }))).toBeNull();
  });

  it("refuses arguments that are not a JSON array", async () => {
    for (const body of ["{", '"\\u0000"', "{}", "", "null"]) {
      expect(await actionRequestProblem(call(body, { "content-type": "text/plain;charset=UTF-8" })), body).toBe("malformed");
    }
    expect(await actionRequestProblem(call(form("{")))).toBe("malformed");
    expect(await actionRequestProblem(call(form(null)))).toBe("malformed");
  });

  it("refuses a body over Next's action limit", async () => {
    const big = "x".repeat(ACTION_BODY_LIMIT_BYTES + 1);
    expect(
      await actionRequestProblem(
        call(`["${big}"]`, { "content-type": "text/plain;charset=UTF-8", "content-length": String(big.length + 4) }),
      ),
    ).toBe("too_large");
    expect(await actionRequestProblem(call(`["${big}"]`, { "content-type": "text/plain;charset=UTF-8" }))).toBe("too_large");
  });
});
