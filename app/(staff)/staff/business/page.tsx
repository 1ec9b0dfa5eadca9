import type { Metadata } from "next";
import { BusinessView } from "@/components/business/business-view";
import { db } from "@/db/client";
import { requireStaff } from "@/lib/auth/current-user";
import { messages } from "@/lib/i18n/messages";
import { businessClinics, businessReport } from "@/lib/staff/business";
import { businessSearch, parseBusinessQuery } from "@/lib/staff/business-query";
import { tehranDateKey } from "@/lib/time/tehran";

export const metadata: Metadata = { title: messages.staff.business.title };

/** Clinic admins (their clinics) and the platform admin (any clinic, or all). */
export default async function BusinessPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireStaff("/staff/business", "clinic_admin");
  const now = new Date();
  const query = parseBusinessQuery(await searchParams, now);
  const [report, clinics] = await Promise.all([businessReport(db(), user, query), businessClinics(db(), user)]);
  const exportHref = `/staff/business/export?${businessSearch({ ...query, from: report.from, to: report.to, clinicId: report.clinicId ?? undefined })}`;
  return <BusinessView report={report} clinics={clinics} today={tehranDateKey(now)} exportHref={exportHref} />;
}
