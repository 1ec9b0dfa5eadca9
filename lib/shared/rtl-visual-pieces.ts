import bidiFactory from "bidi-js";

const bidi = bidiFactory();

/** Letters of the Arabic script (Persian included), with the zero-width non-joiner and the marks that sit on
 * them: what the font's shaper must see as one run, in logical order, to join the letters. Digits and
 * punctuation are not among them. */
const SHAPED =
  /^[\u0610-\u061A\u0620-\u065F\u066E-\u06D3\u06D5-\u06DC\u06DF-\u06E8\u06EA-\u06EF\u06FA-\u06FF\u200C\u200D\uFB50-\uFDFF\uFE70-\uFEFF]+$/;
const SPLIT =
  /( +|[\u0610-\u061A\u0620-\u065F\u066E-\u06D3\u06D5-\u06DC\u06DF-\u06E8\u06EA-\u06EF\u06FA-\u06FF\u200C\u200D\uFB50-\uFDFF\uFE70-\uFEFF]+)/;
/** Any character a shaper takes for Arabic script, and so lays out right to left (Persian digits included). */
const ARABIC_SCRIPT = /[\u0600-\u06FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
const MIRRORED: Record<string, string> = {
  "(": ")",
  ")": "(",
  "[": "]",
  "]": "[",
  "{": "}",
  "}": "{",
  "«": "»",
  "»": "«",
  "<": ">",
  ">": "<",
};

/** One piece of a line as it is drawn, left to right. `shape`: a word of Arabic-script letters in LOGICAL order,
 * which the font's shaper (fontkit, in pdfkit) joins and turns right to left itself; otherwise `text` is
 * already in visual order and drawn as it is; `space`: only advances the pen. */
export type VisualPiece = { text: string; shape: boolean; space: boolean };

/**
 * A line of mixed Persian and Latin text cut into pieces in the order they appear from left to right, by the
 * Unicode Bidirectional Algorithm (bidi-js): what a PDF library without bidi support (pdfkit) needs in order
 * to draw Persian right to left with its numbers left to right. pdfkit's shaper joins letters and reverses a
 * run it takes for Arabic script, but it knows nothing of bidi: a Persian digit run comes out backwards
 * ("۳۵۰" as "۰۵۳"), and it loses the spaces between words of a right-to-left line. So each Persian word goes
 * to the shaper alone, spaces only move the pen, and digits are drawn one by one in visual order.
 * Isolate marks (U+2066–U+2069) steer the algorithm and are not drawn.
 */
export function visualPieces(text: string, direction: "rtl" | "ltr" = "rtl"): VisualPiece[] {
  const chars = [...text];
  if (chars.length !== text.length) throw new Error("visualPieces: characters outside the BMP are not supported");
  const levels = bidi.getEmbeddingLevels(text, direction);
  const order = chars.map((_, i) => i);
  for (const [start, end] of bidi.getReorderSegments(text, levels)) {
    const reversed = order.slice(start, end + 1).reverse();
    order.splice(start, reversed.length, ...reversed);
  }
  // Runs of one level, in visual order.
  const runs: { level: number; indices: number[] }[] = [];
  for (const i of order) {
    const level = levels.levels[i]!;
    const last = runs.at(-1);
    if (last && last.level === level) last.indices.push(i);
    else runs.push({ level, indices: [i] });
  }
  const pieces: VisualPiece[] = [];
  const push = (piece: string, shape: boolean) => {
    const visible = piece.replace(/[\u2066-\u2069]/g, "");
    if (visible) pieces.push({ text: visible, shape, space: /^ +$/.test(visible) });
  };
  for (const { level, indices } of runs) {
    if (level % 2 === 0) {
      // Left to right already; an Arabic-script character here (a Persian digit) is drawn alone, or the shaper
      // would reverse its neighbours.
      let plain = "";
      for (const i of indices) {
        const c = text[i]!;
        if (ARABIC_SCRIPT.test(c)) {
          push(plain, false);
          plain = "";
          push(c, false);
        } else plain += c;
      }
      push(plain, false);
      continue;
    }
    // Right to left: words of letters go to the shaper in logical order; the rest is reversed (and mirrored) here.
    const logical = [...indices]
      .reverse()
      .map((i) => text[i]!)
      .join("");
    for (const token of logical.split(SPLIT).filter(Boolean).reverse()) {
      if (SHAPED.test(token)) push(token, true);
      else
        push(
          [...token]
            .reverse()
            .map((c) => MIRRORED[c] ?? c)
            .join(""),
          false,
        );
    }
  }
  return pieces;
}
