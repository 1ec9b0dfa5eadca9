/** Next's default server action body limit (`serverActions.bodySizeLimit`, 1 MB): past it Next throws, and the
 * client would get a 500. */
export const ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

export type ActionRequestProblem = "too_large" | "malformed";

const isJsonArray = (text: string) => {
  try {
    return Array.isArray(JSON.parse(text));
  } catch {
    return false;
  }
};

/** What is wrong with a server action call (a POST with the Next-Action header) that Next itself would fail on
 * with a 500 before any action code runs: a body over the limit, or arguments that are not the JSON array React
 * always sends (as the body itself, or as the form's "0" field when the arguments include a FormData). Whatever
 * is inside the array is the action's own business. Null for anything else, and for every well-formed call. */
export async function actionRequestProblem(request: Request): Promise<ActionRequestProblem | null> {
  if (request.method !== "POST" || !request.headers.has("next-action")) return null;
  if (Number(request.headers.get("content-length") ?? 0) > ACTION_BODY_LIMIT_BYTES) return "too_large";
  try {
    if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
      const args = (await request.clone().formData()).get("0");
      return typeof args === "string" && isJsonArray(args) ? null : "malformed";
    }
    const text = await request.clone().text();
    if (Buffer.byteLength(text) > ACTION_BODY_LIMIT_BYTES) return "too_large";
    return isJsonArray(text) ? null : "malformed";
  } catch {
    return "malformed";
  }
}
