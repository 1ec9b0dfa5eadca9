"use client";

import { useLinkStatus } from "next/link";

/** Put inside a <Link> to a dynamic page that is not prefetched: marks the link (CSS `.link-pending`) from the
 * tap until the page arrives, so a patient on a slow connection sees at once that the tap was taken. */
export function LinkPending() {
  const { pending } = useLinkStatus();
  return <span aria-hidden="true" className="link-pending" data-pending={pending ? "" : undefined} />;
}
