import type { Metadata } from "next";
import { z } from "zod";
import { MonitoringView } from "@/components/monitoring/monitoring-view";
import { db } from "@/db/client";
import { requireStaff } from "@/lib/auth/current-user";
import { messages } from "@/lib/i18n/messages";
import { jobQueue, notificationCountsFor } from "@/lib/ops/job-stats";
import { paymentMonitoring, type MonitoringPeriod } from "@/lib/ops/monitoring";
import { runCleanupAction } from "./actions";

export const metadata: Metadata = { title: messages.ops.monitoringTitle };

const query = z.object({
  period: z.coerce
    .number()
    .pipe(z.union([z.literal(7), z.literal(30)]))
    .catch(7),
});

export default async function MonitoringPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireStaff("/staff/monitoring", "clinic_admin");
  const period = query.parse(await searchParams).period as MonitoringPeriod;
  // The job queue is the platform's (jobQueue refuses anyone else); a clinic admin sees their clinics' SMS.
  const [monitoring, notifications, queue] = await Promise.all([
    paymentMonitoring(db(), user, period),
    notificationCountsFor(db(), user),
    user.role === "admin" ? jobQueue(db(), user) : null,
  ]);
  return (
    <MonitoringView
      monitoring={monitoring}
      queue={queue}
      notifications={notifications}
      cleanup={user.role === "admin" ? runCleanupAction : undefined}
    />
  );
}
