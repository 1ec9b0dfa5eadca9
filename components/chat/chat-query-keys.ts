/** React Query keys shared by the conversation screen and the header badge. The badge's key carries the
 * user id, so a tab that signs in as someone else never shows the previous user's count. */
export const chatQueryKey = (chatId: string) => ["chat", chatId] as const;
export const UNREAD_KEY_ROOT = "chat-unread";
export const unreadQueryKey = (userId: string) => [UNREAD_KEY_ROOT, userId] as const;
