"use client";

import { RouteError } from "@/components/layout/route-error";
import { messages } from "@/lib/i18n/messages";

/** Any patient screen whose data failed to load: the header stays, and the patient can try again. */
export default function PatientPageError({ error, retry }: { error: unknown; retry: () => void }) {
  return <RouteError error={error} retry={retry} message={messages.patient.loadError} />;
}
