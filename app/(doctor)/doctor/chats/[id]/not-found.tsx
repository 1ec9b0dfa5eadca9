import { ChatNotFound } from "@/components/chat/chat-not-found";
import { messages } from "@/lib/i18n/messages";

export default function DoctorChatNotFoundPage() {
  return <ChatNotFound backHref="/doctor/chats" backLabel={messages.chat.thread.backToInbox} />;
}
