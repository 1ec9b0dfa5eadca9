import { ChatNotFound } from "@/components/chat/chat-not-found";
import { messages } from "@/lib/i18n/messages";

export default function ChatNotFoundPage() {
  return <ChatNotFound backHref="/chats" backLabel={messages.chat.thread.backToList} />;
}
