/** A request's body, or null once it passes `limit` bytes: a 2 GB upload is cut off, not buffered. */
export async function readCapped(request: Request, limit: number): Promise<Buffer | null> {
  if (Number(request.headers.get("content-length") ?? 0) > limit) return null;
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.length;
    if (total > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The one file of a multipart body under `field`, or null when there is none (or the body is not a form). */
export async function multipartFile(body: Buffer, contentType: string, field: string): Promise<File | null> {
  const form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData().catch(() => null);
  const upload = form?.get(field);
  return upload && typeof upload !== "string" ? upload : null;
}
