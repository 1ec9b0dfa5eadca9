import type { Metadata } from "next";
import { PatientDataView } from "@/components/privacy/patient-data-view";
import { db } from "@/db/client";
import { requireUser } from "@/lib/auth/current-user";
import { messages } from "@/lib/i18n/messages";
import { exportMyData } from "@/lib/privacy/patient-export";

export const metadata: Metadata = { title: messages.privacy.dataTitle };

export default async function MyDataPage() {
  const user = await requireUser("/account/data");
  const exported = await exportMyData(db(), user);
  if (!exported.ok) return <p className="alert error">{messages.privacy.notFound}</p>;
  return <PatientDataView data={exported.value} />;
}
