import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { loadDoctor } from "./load-doctor";

/** Settles whether the doctor exists above the loading skeleton's Suspense boundary: once the skeleton streams,
 * the status line (200) is already sent, and an unknown doctor must answer HTTP 404. The slots, the slow part,
 * still stream in under the skeleton. notFound() here is caught by ../not-found.tsx. */
export default async function DoctorLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  if (!(await loadDoctor((await params).id))) notFound();
  return children;
}
