"use client";

import { useEffect } from "react";
import { messages } from "@/lib/i18n/messages";

export default function DirectoryError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="alert error stack" role="alert">
      <p>{messages.directory.loadError}</p>
      <div>
        <button type="button" className="button" onClick={() => retry()}>
          {messages.common.tryAgain}
        </button>
      </div>
    </div>
  );
}
