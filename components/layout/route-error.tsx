"use client";

import { useEffect } from "react";
import { messages } from "@/lib/i18n/messages";

/** What an error.tsx shows: the cause in the patient's words, and a retry that renders the segment again. */
export function RouteError({ error, retry, message }: { error: unknown; retry: () => void; message: string }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="alert error stack" role="alert">
      <p>{message}</p>
      <div>
        <button type="button" className="button" onClick={() => retry()}>
          {messages.common.tryAgain}
        </button>
      </div>
    </div>
  );
}
