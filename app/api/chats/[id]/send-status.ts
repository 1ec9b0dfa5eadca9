import type { SendError } from "@/lib/chat/chat-messages";

/** The HTTP status of each reason a message or a file is refused (POST messages, POST files). */
export const sendStatus: Record<SendError["code"], number> = {
  not_found: 404,
  read_only: 403,
  not_accepted: 409,
  closed: 409,
  too_many_files: 409,
};
