/** The limits on chat files, apart from the code that checks them (which needs sharp) so that the
 * picker in the browser can show them. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_MAX_MB = ATTACHMENT_MAX_BYTES / 1024 / 1024;
export const ATTACHMENTS_PER_CHAT = 10;
/** The most the upload route reads of a request: the largest file plus room for the multipart envelope. */
export const ATTACHMENT_BODY_LIMIT = ATTACHMENT_MAX_BYTES + 64 * 1024;
/** What the picker offers; the server decides by content anyway. */
export const ATTACHMENT_ACCEPT = "image/jpeg,image/png,image/webp,image/heic,image/heif,application/pdf,.heic,.heif";
