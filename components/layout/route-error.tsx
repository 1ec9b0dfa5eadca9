"use client";

import { useEffect } from "react";
import { messages } from "@/lib/i18n/messages";

/** What an error.tsx shows: the cause in the patient's words, and a retry that renders the segment again. The
 * internet is blamed only when the browser knows it is offline: a failure on the server (logged there) is not
 * the patient's connection. */
export function RouteError({ error, retry, message }: { error: unknown; retry: () => void; message: string }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const offline = typeof navigator !== "undefined" && !navigator.onLine;
  return (
    <div className="alert error stack" role="alert">
      <p>{offline ? messages.common.offline : message}</p>
      <div>
        <button type="button" className="button" onClick={() => retry()}>
          {messages.common.tryAgain}
        </button>
      </div>
    </div>
  );
}
