import { afterEach, describe, expect, it, vi } from "vitest";
import { log } from "@/lib/shared/log";
import { z } from "zod";
import { messages } from "@/lib/i18n/messages";
import { ForbiddenError } from "./actor";
import { showFieldMessage, validatedAction, validatedFormAction, type PostedForm } from "./validated-action";

// The anonymous shapes of the helper, called the way Next calls a server action (previous state, then whatever
// the client sent as the form). The signed-in shapes add currentUser(), which needs a request's cookies: the
// e2e fuzz walk (e2e/fuzz.spec.ts) posts odd arguments to every one of them as each kind of visitor.

type State = { error?: string; echo?: PostedForm; done?: unknown };
const error = (message: string, form: PostedForm): State => ({ error: message, echo: form });
const nameForm = z.object({
  name: z.string({ error: "نام را بنویسید." }).min(2, { error: "نام کوتاه است." }),
  tags: z.array(z.string()).default([]),
});

function form(entries: [string, string | Blob][]): FormData {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}

const echoAction = (options: Partial<Parameters<typeof validatedAction<typeof nameForm, State>>[0]> = {}) =>
  validatedAction({ name: "test.echo", schema: nameForm, error, listFields: ["tags"], ...options }, async (input) => ({ done: input }));

describe("validatedAction", () => {
  afterEach(() => vi.restoreAllMocks());

  it("hands the run the parsed form, a list field as a list even with one value", async () => {
    const state = await echoAction()(
      {},
      form([
        ["name", "سارا"],
        ["tags", "a"],
      ]),
    );
    expect(state).toEqual({ done: { name: "سارا", tags: ["a"] } });
  });

  it("reads anything that is not a form as an empty one, and refuses it with the common message and a log line", async () => {
    const warn = vi.spyOn(log, "warn").mockImplementation(() => {});
    for (const odd of [undefined, null, "name=سارا", 42, { name: "سارا" }, [["name", "سارا"]]]) {
      const state = await echoAction()({}, odd as unknown as FormData);
      expect(state).toEqual({ error: messages.common.badRequest, echo: {} });
    }
    expect(warn).toHaveBeenLastCalledWith("[action] test.echo: invalid input from an anonymous caller (name: invalid_type)");
  });

  it("drops files and unsafe characters, and gives a field sent twice as a list (which a text field refuses)", async () => {
    vi.spyOn(log, "warn").mockImplementation(() => {});
    const cleaned = await echoAction()(
      {},
      form([
        ["name", "س\u0000ا\u0007را"],
        ["tags", new Blob(["x"])],
      ]),
    );
    expect(cleaned).toEqual({ done: { name: "سارا", tags: [] } });
    const twice = await echoAction()(
      {},
      form([
        ["name", "سارا"],
        ["name", "مریم"],
      ]),
    );
    expect(twice).toEqual({ error: messages.common.badRequest, echo: { name: ["سارا", "مریم"] } });
  });

  it("answers refused input the form's own way: the schema's Persian message, with what was posted", async () => {
    vi.spyOn(log, "warn").mockImplementation(() => {});
    const state = await echoAction({ invalid: showFieldMessage(error) })({}, form([["name", "س"]]));
    expect(state).toEqual({ error: "نام کوتاه است.", echo: { name: "س" } });
  });

  it("turns a ForbiddenError into the Persian refusal and anything else thrown into the failure message", async () => {
    const warn = vi.spyOn(log, "warn").mockImplementation(() => {});
    const logged = vi.spyOn(log, "error").mockImplementation(() => {});
    const forbidden = validatedAction({ name: "test.forbidden", schema: nameForm, error }, async () => {
      throw new ForbiddenError({ userId: "u1", role: "patient" }, ["admin"]);
    });
    expect(await forbidden({}, form([["name", "سارا"]]))).toEqual({ error: messages.common.forbidden, echo: { name: "سارا" } });
    expect(warn).toHaveBeenCalledWith("[action] test.forbidden: refused anonymous caller: forbidden: patient is not one of admin");

    const broken = validatedAction({ name: "test.broken", schema: nameForm, error, failed: "نشد." }, async () => {
      throw new Error("database away");
    });
    expect(await broken({}, form([["name", "سارا"]]))).toEqual({ error: "نشد.", echo: { name: "سارا" } });
    expect(logged).toHaveBeenCalledWith("[action] test.broken failed for anonymous caller:", expect.any(Error));
    const plain = validatedAction({ name: "test.plain", schema: nameForm, error }, async () => {
      throw new Error("database away");
    });
    expect(await plain({}, form([["name", "سارا"]]))).toMatchObject({ error: messages.common.genericError });
  });

  it("lets redirect() through: it is the action's answer, not a failure", async () => {
    const logged = vi.spyOn(log, "error").mockImplementation(() => {});
    // What redirect("/wallet") throws (lib/ may not import next/navigation, tests included).
    const redirecting = Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;replace;/wallet;307;" });
    const going = validatedAction({ name: "test.redirect", schema: nameForm, error }, async () => {
      throw redirecting;
    });
    await expect(going({}, form([["name", "سارا"]]))).rejects.toBe(redirecting);
    expect(logged).not.toHaveBeenCalled();
  });
});

describe("validatedFormAction", () => {
  it("runs a plain form's action with no state, and only logs a refusal", async () => {
    const warn = vi.spyOn(log, "warn").mockImplementation(() => {});
    const seen: string[] = [];
    const action = validatedFormAction({ name: "test.plain-form", schema: z.object({ on: z.literal("on").optional() }) }, async (input) => {
      seen.push(input.on ?? "off");
    });
    await action(form([["on", "on"]]));
    await action();
    await expect(action(form([["on", "yes"]]))).resolves.toBeUndefined();
    expect(seen).toEqual(["on", "off"]);
    expect(warn).toHaveBeenCalledWith("[action] test.plain-form: invalid input from an anonymous caller (on: invalid_value)");
    warn.mockRestore();
  });
});
