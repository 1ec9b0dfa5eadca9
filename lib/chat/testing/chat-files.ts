import sharp from "sharp";

/** Test files for chat attachments, made on the spot. */

/** A JPEG whose EXIF carries a camera make and a GPS position (Tehran), as a phone photo would. */
export function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: "#c03030" } })
    .jpeg()
    .withExif({
      IFD0: { Make: "TestCam", Model: "GpsPhone" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "35/1 41/1 21/1", GPSLongitudeRef: "E", GPSLongitude: "51/1 23/1 20/1" },
    })
    .toBuffer();
}

export function pngWithAlpha(): Promise<Buffer> {
  return sharp({ create: { width: 300, height: 200, channels: 4, background: { r: 0, g: 0, b: 255, alpha: 0.5 } } })
    .png()
    .toBuffer();
}

/** A minimal but complete PDF: header, one object, xref, trailer, %%EOF. */
export function smallPdf(text = "lab result"): Buffer {
  const body = `1 0 obj\n<< /Type /Catalog /Title (${text}) >>\nendobj\n`;
  const header = "%PDF-1.4\n";
  const xrefAt = header.length + body.length;
  return Buffer.from(
    `${header}${body}xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`,
    "latin1",
  );
}

/** A Windows executable, whatever it is named. */
export const windowsExecutable = () => Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "latin1"), Buffer.alloc(512, 0x41)]);

/** The EXIF tag that points to the GPS directory (0x8825), in either byte order. */
export const hasGpsPointer = (exif: Buffer) => exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88]));
