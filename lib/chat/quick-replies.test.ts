import { describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/testing/payment-world";
import { addQuickReply, deleteQuickReply, myQuickReplies, QUICK_REPLIES_PER_DOCTOR, updateQuickReply } from "./quick-replies";
import { actorOf, makeChatDoctor, makeUser } from "./testing/chat-world";

const { db } = setupTestDatabase();

describe("quick replies", () => {
  it("belong to their doctor: another doctor can neither see, edit nor delete them; patients have none", async () => {
    const a = await makeChatDoctor(db());
    const b = await makeChatDoctor(db());
    const added = await addQuickReply(db(), a.actor, "مایعات فراوان بنوشید.");
    if (!added.ok) throw new Error(added.error.code);
    const id = added.value.id;

    expect(await myQuickReplies(db(), b.actor)).toEqual([]);
    expect(await updateQuickReply(db(), b.actor, id, "تغییر")).toEqual({ ok: false, error: { code: "reply_not_found" } });
    expect(await deleteQuickReply(db(), b.actor, id)).toEqual({ ok: false, error: { code: "reply_not_found" } });
    const patient = actorOf(await makeUser(db(), "patient"));
    expect(await addQuickReply(db(), patient, "x")).toEqual({ ok: false, error: { code: "not_doctor" } });
    expect(await deleteQuickReply(db(), patient, id)).toEqual({ ok: false, error: { code: "not_doctor" } });
    expect(await myQuickReplies(db(), a.actor)).toEqual([{ id, body: "مایعات فراوان بنوشید." }]);

    expect(await updateQuickReply(db(), a.actor, id, "استراحت کنید.")).toEqual({ ok: true, value: undefined });
    expect(await myQuickReplies(db(), a.actor)).toEqual([{ id, body: "استراحت کنید." }]);
    expect(await deleteQuickReply(db(), a.actor, id)).toEqual({ ok: true, value: undefined });
    expect(await myQuickReplies(db(), a.actor)).toEqual([]);
  });

  it("stop at the cap, even when added at once", async () => {
    const a = await makeChatDoctor(db());
    const results = await Promise.all(
      Array.from({ length: QUICK_REPLIES_PER_DOCTOR + 3 }, (_, i) => addQuickReply(db(), a.actor, `پاسخ ${i}`)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(QUICK_REPLIES_PER_DOCTOR);
    expect(await myQuickReplies(db(), a.actor)).toHaveLength(QUICK_REPLIES_PER_DOCTOR);
  });
});
