import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { ATTACHMENT_MAX_BYTES, cleanFileName, prepareChatFile, sniffFileType } from "./chat-file-input";
import { hasGpsPointer, photoWithGps, pngWithAlpha, smallPdf, windowsExecutable } from "./testing/chat-files";

/** What a chat file goes through before anything is stored: its bytes decide its type, photos are
 * re-encoded without their metadata, and everything else is refused with a reason. */

const names = { image: "عکس", pdf: "سند" };
const prepare = (bytes: Buffer, name = "file") => prepareChatFile(bytes, name, names);

describe("a photo", () => {
  it("comes back without EXIF: no GPS position, no camera", async () => {
    const original = await photoWithGps();
    const before = await sharp(original).metadata();
    expect(before.exif && hasGpsPointer(before.exif)).toBe(true);
    expect(original.includes("GpsPhone")).toBe(true);

    const prepared = await prepare(original, "IMG_2041.JPG");
    if (!prepared.ok) throw new Error(prepared.error.code);
    for (const stored of [prepared.value.file.content, prepared.value.thumb!.content]) {
      const after = await sharp(stored).metadata();
      expect(after.format).toBe("jpeg");
      expect(after.exif).toBeUndefined();
      expect(after.xmp).toBeUndefined();
      expect(after.iptc).toBeUndefined();
      expect(stored.includes("GpsPhone")).toBe(false);
      expect(stored.includes("TestCam")).toBe(false);
    }
    expect(prepared.value).toMatchObject({ kind: "image", contentType: "image/jpeg", fileName: "IMG_2041.jpg" });
  });

  it("of another format is stored as JPEG, with a thumbnail no larger than 320 px", async () => {
    const prepared = await prepare(await pngWithAlpha(), "scan.png");
    if (!prepared.ok) throw new Error(prepared.error.code);
    const full = await sharp(prepared.value.file.content).metadata();
    const thumb = await sharp(prepared.value.thumb!.content).metadata();
    expect([full.format, full.width, full.height]).toEqual(["jpeg", 300, 200]);
    expect(Math.max(thumb.width!, thumb.height!)).toBeLessThanOrEqual(320);
    expect(prepared.value.fileName).toBe("scan.jpg");
    const webp = await prepare(
      await sharp(await pngWithAlpha())
        .webp()
        .toBuffer(),
      "x.webp",
    );
    expect(webp.ok && webp.value.contentType).toBe("image/jpeg");
  });
});

it("a PDF is kept byte for byte, under a clean name", async () => {
  const pdf = smallPdf();
  const prepared = await prepare(pdf, "../../etc/جواب آزمایش\u202E.pdf");
  if (!prepared.ok) throw new Error(prepared.error.code);
  expect(prepared.value.file.content.equals(pdf)).toBe(true);
  expect(prepared.value).toMatchObject({ kind: "pdf", contentType: "application/pdf", fileName: "جواب آزمایش.pdf", thumb: null });
});

describe("bad files are refused with a reason", () => {
  it("zero bytes", async () => {
    expect(await prepare(Buffer.alloc(0), "empty.jpg")).toEqual({ ok: false, error: { code: "empty" } });
  });

  it("over 10 MB, whatever it is", async () => {
    const big = Buffer.concat([smallPdf(), Buffer.alloc(ATTACHMENT_MAX_BYTES)]);
    expect(await prepare(big, "big.pdf")).toEqual({ ok: false, error: { code: "too_big" } });
  });

  it("a renamed executable, a script, an HTML page, an SVG", async () => {
    for (const [bytes, name] of [
      [windowsExecutable(), "photo.jpg"],
      [Buffer.from("#!/bin/sh\nrm -rf /\n"), "result.pdf"],
      [Buffer.from("<html><script>alert(document.cookie)</script></html>"), "x.png"],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), "x.svg"],
    ] as const) {
      expect(await prepare(bytes, name)).toEqual({ ok: false, error: { code: "unsupported_type" } });
    }
  });

  it("a PDF header on something that is not a PDF", async () => {
    expect(await prepare(Buffer.from("%PDF-1.7\n<script>alert(1)</script>"), "a.pdf")).toEqual({
      ok: false,
      error: { code: "broken_pdf" },
    });
    const truncated = smallPdf().subarray(0, 60);
    expect(await prepare(truncated, "a.pdf")).toEqual({ ok: false, error: { code: "broken_pdf" } });
  });

  it("an image that does not decode (a JPEG header and then junk, a truncated PNG)", async () => {
    expect(await prepare(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]), "a.jpg")).toEqual({
      ok: false,
      error: { code: "broken_image" },
    });
    expect(await prepare((await pngWithAlpha()).subarray(0, 80), "a.png")).toEqual({ ok: false, error: { code: "broken_image" } });
  });

  it("an iPhone HEIC this build cannot decode, with its own advice", async () => {
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from("ftypheic\0\0\0\0mif1heic", "latin1"), Buffer.alloc(100)]);
    expect(sniffFileType(heic)).toBe("heif");
    expect(await prepare(heic, "IMG_1.HEIC")).toEqual({ ok: false, error: { code: "heic_unsupported" } });
  });

  it("a decompression bomb (huge dimensions in a small file)", async () => {
    const bomb = await sharp({ create: { width: 7_500, height: 7_500, channels: 3, background: "#000" } })
      .png({ palette: true, colours: 2 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(ATTACHMENT_MAX_BYTES);
    expect(await prepare(bomb, "bomb.png")).toEqual({ ok: false, error: { code: "broken_image" } });
  });
});

it("file names lose paths, quotes and direction overrides, and get the stored type's extension", () => {
  expect(cleanFileName('C:\\Users\\x\\"evil".exe', "pdf", "سند")).toBe("evil.pdf");
  expect(cleanFileName("", "image", "عکس")).toBe("عکس.jpg");
  expect(cleanFileName("\u202Egpj.exe", "image", "عکس")).toBe("gpj.jpg");
});
