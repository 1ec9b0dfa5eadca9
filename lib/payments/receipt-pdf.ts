import path from "node:path";
import PDFDocument from "pdfkit";
import { formatJalaliDateTime } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import { visualPieces } from "@/lib/shared/rtl-visual-pieces";
import type { Receipt } from "./receipt";
import { receiptRows } from "./receipt-rows";

const t = messages.receipt;

/** Vazirmatn, from the npm package the web pages use too, embedded (subset) in every PDF: a PDF viewer may have
 * no Persian font at all. */
const FONT_DIR = path.join(process.cwd(), "node_modules", "vazirmatn", "fonts", "ttf");
const REGULAR = path.join(FONT_DIR, "Vazirmatn-Regular.ttf");
const BOLD = path.join(FONT_DIR, "Vazirmatn-Bold.ttf");

// A5, in points.
const PAGE = { width: 419.53, height: 595.28 };
const MARGIN = 36;
const RIGHT = PAGE.width - MARGIN;
const CONTENT = PAGE.width - 2 * MARGIN;
const LABEL_WIDTH = 92;

type Doc = PDFKit.PDFDocument;
type Line = { font: "regular" | "bold"; size: number; direction?: "rtl" | "ltr" };

/**
 * The receipt as a one-page A5 PDF, generated here with pdfkit (no browser on the server). pdfkit's font
 * engine (fontkit) does the OpenType shaping Persian needs — letters take their joined forms — but has no
 * bidirectional layout, so every line is cut into pieces by the Unicode Bidirectional Algorithm first
 * (lib/shared/rtl-visual-pieces.ts) and the pieces are drawn from left to right.
 */
export function receiptPdf(receipt: Receipt): Promise<Buffer> {
  const doc = new PDFDocument({
    size: [PAGE.width, PAGE.height],
    margin: MARGIN,
    font: REGULAR,
    lang: "fa-IR",
    info: { Title: `${t.title} — ${t.brand}`, Author: t.brand, CreationDate: receipt.paidAt },
  });
  doc.registerFont("regular", REGULAR);
  doc.registerFont("bold", BOLD);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  let y = MARGIN;
  y = drawText(doc, t.brand, { font: "bold", size: 18 }, { right: RIGHT, width: CONTENT, y });
  y = drawText(doc, t.title, { font: "regular", size: 13 }, { right: RIGHT, width: CONTENT, y: y + 2 });
  y += 10;
  if (receipt.visit) {
    const boxTop = y;
    y = drawText(doc, t.turn(receipt.visit.turn), { font: "bold", size: 26 }, { right: RIGHT, width: CONTENT, y: y + 8, align: "center" });
    y = drawText(
      doc,
      formatJalaliDateTime(receipt.visit.startsAt),
      { font: "regular", size: 11 },
      { right: RIGHT, width: CONTENT, y, align: "center" },
    );
    y += 8;
    doc
      .lineWidth(1)
      .rect(MARGIN, boxTop, CONTENT, y - boxTop)
      .stroke("#000");
    y += 12;
  }
  if (receipt.visit?.cancelled) y = drawText(doc, t.cancelled, { font: "bold", size: 11 }, { right: RIGHT, width: CONTENT, y }) + 6;

  for (const row of receiptRows(receipt)) {
    doc.moveTo(MARGIN, y).lineTo(RIGHT, y).lineWidth(0.5).stroke("#999");
    y += 5;
    const labelEnd = drawText(doc, row.label, { font: "bold", size: 10.5 }, { right: RIGHT, width: LABEL_WIDTH, y });
    const value = { right: RIGHT - LABEL_WIDTH - 8, width: CONTENT - LABEL_WIDTH - 8, y };
    const valueEnd = row.ltr
      ? drawText(doc, row.value, { font: "regular", size: row.key === "receiptNumber" ? 8.5 : 10.5, direction: "ltr" }, value)
      : drawText(doc, row.value, { font: "regular", size: 10.5 }, value);
    y = Math.max(labelEnd, valueEnd) + 4;
  }
  doc.moveTo(MARGIN, y).lineTo(RIGHT, y).lineWidth(0.5).stroke("#999");
  drawText(doc, t.footer, { font: "regular", size: 8.5 }, { right: RIGHT, width: CONTENT, y: y + 10 });
  doc.end();
  return done;
}

/** Draws `text` wrapped to `width`, each line aligned to the right edge of its box (or centred), and returns
 * the y below it. */
function drawText(
  doc: Doc,
  text: string,
  line: Line,
  box: { right: number; width: number; y: number; align?: "right" | "center" },
): number {
  doc.font(line.font).fontSize(line.size);
  const height = doc.currentLineHeight(true);
  let y = box.y;
  for (const lineText of wrap(doc, text, box.width)) {
    const pieces = visualPieces(lineText, line.direction ?? "rtl");
    const widthOf = (p: (typeof pieces)[number]) => doc.widthOfString(p.space ? " " : p.text) * (p.space ? p.text.length : 1);
    const total = pieces.reduce((sum, p) => sum + widthOf(p), 0);
    let x = box.align === "center" ? box.right - box.width / 2 - total / 2 : box.right - total;
    for (const piece of pieces) {
      if (!piece.space) doc.text(piece.text, x, y, { lineBreak: false });
      x += widthOf(piece);
    }
    y += height;
  }
  return y;
}

/** Greedy line breaking at spaces, measured with the shaped widths of the font in use. */
function wrap(doc: Doc, text: string, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = current ? `${current} ${word}` : word;
    if (current && doc.widthOfString(next) > width) {
      lines.push(current);
      current = word;
    } else current = next;
  }
  if (current) lines.push(current);
  return lines.length ? lines : [""];
}
