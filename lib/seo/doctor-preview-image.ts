import path from "node:path";
import sharp from "sharp";

/** The link preview of a doctor page (Open Graph / Twitter card): name, specialty and clinic on a 1200×630 card.
 * Rendered by sharp's Pango text renderer with Vazirmatn, because Persian needs real shaping (joined letters,
 * right-to-left): SVG-in-JS renderers such as next/og lay out Arabic script as isolated letters. */

const WIDTH = 1200;
const HEIGHT = 630;
const MARGIN = 72;
const BRAND = "#0f766e";

// Served from the npm package, like the web fonts in app/fonts.ts: no font CDN, same files on every instance.
const FONT_DIR = path.join(process.cwd(), "node_modules", "vazirmatn", "fonts", "ttf");

export type DoctorPreview = { name: string; specialty: string; clinic: string; city: string; appName: string };

/** Pango markup: a doctor's name is data, never markup. */
const escapeMarkup = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

async function textBlock(markup: string, weight: "Bold" | "Regular") {
  return sharp({
    text: {
      text: markup,
      font: `Vazirmatn ${weight}`,
      fontfile: path.join(FONT_DIR, `Vazirmatn-${weight}.ttf`),
      rgba: true,
      width: WIDTH - 2 * MARGIN,
      align: "right",
      dpi: 72,
      wrap: "word",
    },
  })
    .png()
    .toBuffer({ resolveWithObject: true });
}

export async function doctorPreviewImage(doctor: DoctorPreview): Promise<Buffer> {
  // One block per line: Pango aligns the lines of one right-to-left block to its start, and each block is
  // trimmed to its text, so every line is placed from the right edge on its own.
  const [name, specialty, clinic, brand] = await Promise.all([
    textBlock(`<span foreground="${BRAND}" size="60pt">${escapeMarkup(doctor.name)}</span>`, "Bold"),
    textBlock(`<span foreground="#1f2937" size="34pt">${escapeMarkup(doctor.specialty)}</span>`, "Regular"),
    textBlock(`<span foreground="#4b5563" size="30pt">${escapeMarkup(`${doctor.clinic}، ${doctor.city}`)}</span>`, "Regular"),
    textBlock(`<span foreground="#ffffff" size="30pt">${escapeMarkup(doctor.appName)}</span>`, "Bold"),
  ]);
  // Right-aligned like the page: each block is as wide as its text, so place it from the right edge.
  const right = (width: number) => Math.max(MARGIN, WIDTH - MARGIN - width);
  const bandHeight = 96;
  return sharp({ create: { width: WIDTH, height: HEIGHT, channels: 4, background: "#f8fafc" } })
    .composite([
      { input: { create: { width: WIDTH, height: bandHeight, channels: 4, background: BRAND } }, top: HEIGHT - bandHeight, left: 0 },
      { input: name.data, top: 150, left: right(name.info.width) },
      { input: specialty.data, top: 150 + name.info.height + 36, left: right(specialty.info.width) },
      { input: clinic.data, top: 150 + name.info.height + 36 + specialty.info.height + 16, left: right(clinic.info.width) },
      { input: brand.data, top: HEIGHT - bandHeight + Math.round((bandHeight - brand.info.height) / 2), left: right(brand.info.width) },
    ])
    .png({ compressionLevel: 9 })
    .toBuffer();
}
