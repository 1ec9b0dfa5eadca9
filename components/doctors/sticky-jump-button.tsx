"use client";

import { useEffect, useState } from "react";

/** A button at the bottom of a phone's screen (hidden from 720 px, globals.css) that leads to `targetId`,
 * shown only while that element is scrolled above the screen: while it is in view, or still below, the button
 * would only cover what the visitor is looking at (and the links there). Without JavaScript it never shows. */
export function StickyJumpButton({ targetId, label }: { targetId: string; label: string }) {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const target = document.getElementById(targetId);
    if (!target) return;
    const observer = new IntersectionObserver(([entry]) => setShown(!entry!.isIntersecting && entry!.boundingClientRect.top < 0));
    observer.observe(target);
    return () => observer.disconnect();
  }, [targetId]);
  if (!shown) return null;
  return (
    <div className="sticky-book">
      <a href={`#${targetId}`} className="button">
        {label}
      </a>
    </div>
  );
}
