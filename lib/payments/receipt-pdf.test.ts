import { describe, expect, it } from "vitest";
import type { Receipt } from "./receipt";
import { receiptPdf } from "./receipt-pdf";

const visit: Receipt = {
  attemptId: "3f2b8c1e-9a4d-4e6f-8b1a-2c3d4e5f6a7b",
  kind: "reservation",
  amountRial: 3_500_000,
  refId: "201543987",
  cardPan: "502229******5995",
  viaWallet: false,
  paidAt: new Date("2026-11-30T06:12:00Z"),
  payerName: "علی رضایی",
  forWhom: "سارا رضایی (فرزند)",
  doctor: { name: "دکتر مریم کریمی", title: "متخصص قلب و عروق" },
  clinic: { name: "درمانگاه تخصصی بوعلی", address: "همدان، بلوار بوعلی، نبش کوچه نرگس، پلاک ۱۲، طبقه دوم، واحد ۴" },
  visit: { startsAt: new Date("2026-12-02T06:00:00Z"), turn: 5, cancelled: false },
};

/** What a PDF says in its (uncompressed) object dictionaries: pages and fonts. How it LOOKS is checked by the
 * receipt journey (e2e/receipt.spec.ts), which renders the first page to an image. */
describe("receiptPdf", () => {
  it("is a one-page PDF with Vazirmatn embedded, for a visit, a chat and a top-up", async () => {
    const chat: Receipt = { ...visit, kind: "chat", visit: null, forWhom: null };
    const topup: Receipt = {
      ...visit,
      kind: "topup",
      visit: null,
      forWhom: null,
      doctor: null,
      clinic: null,
      refId: null,
      cardPan: null,
      viaWallet: true,
    };
    for (const receipt of [visit, chat, topup, { ...visit, visit: { ...visit.visit!, cancelled: true } }]) {
      const text = (await receiptPdf(receipt)).toString("latin1");
      expect(text.startsWith("%PDF-")).toBe(true);
      expect(text.match(/\/Type \/Page\b/g)).toHaveLength(1);
      expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+Vazirmatn-Regular/);
      expect(text).toMatch(/\/FontFile2 /);
    }
  });
});
