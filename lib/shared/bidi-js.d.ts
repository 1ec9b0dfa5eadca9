/** The part of bidi-js (the Unicode Bidirectional Algorithm, UAX #9) that lib/shared/rtl-visual-pieces.ts uses;
 * the package ships no types. */
declare module "bidi-js" {
  type EmbeddingLevels = { levels: Uint8Array; paragraphs: { start: number; end: number; level: number }[] };
  type Bidi = {
    getEmbeddingLevels(text: string, direction?: "ltr" | "rtl" | "auto"): EmbeddingLevels;
    getReorderSegments(text: string, levels: EmbeddingLevels, start?: number, end?: number): [number, number][];
  };
  const bidiFactory: () => Bidi;
  export default bidiFactory;
}
