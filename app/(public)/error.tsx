"use client";

import { RouteError } from "@/components/layout/route-error";
import { messages } from "@/lib/i18n/messages";

export default function DirectoryError({ error, retry }: { error: unknown; retry: () => void }) {
  return <RouteError error={error} retry={retry} message={messages.directory.loadError} />;
}
