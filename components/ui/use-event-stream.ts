"use client";

import { useEffect, useEffectEvent, useState } from "react";

/** An EventSource while the tab is visible: true while it is open. EventSource reconnects by itself (the
 * server asks for 3 s) and the caller polls while this is false — not yet open, dropped, refused. A hidden
 * tab keeps no stream open: browsers allow few connections per server, and a hidden conversation must not
 * mark messages read. `key` names the stream (null: none); `url` is asked at each connect, so it can carry
 * a cursor. */
export function useEventStream(key: string | null, url: () => string, onData: (data: string) => void): boolean {
  const [open, setOpen] = useState(false);
  const currentUrl = useEffectEvent(url);
  const deliver = useEffectEvent(onData);
  useEffect(() => {
    if (key === null) return;
    let source: EventSource | null = null;
    const connect = () => {
      if (source || document.visibilityState !== "visible" || typeof EventSource === "undefined") return;
      source = new EventSource(currentUrl());
      source.onopen = () => setOpen(true);
      source.onerror = () => setOpen(false);
      source.onmessage = (event: MessageEvent<string>) => deliver(event.data);
    };
    const disconnect = () => {
      source?.close();
      source = null;
      setOpen(false);
    };
    const onVisibility = () => (document.visibilityState === "visible" ? connect() : disconnect());
    connect();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      disconnect();
    };
  }, [key]);
  return open;
}
