import type { Metadata } from "next";
import { z } from "zod";
import { MonitoringView } from "@/components/monitoring/monitoring-view";
import { db } from "@/db/client";
import { requireStaff } from "@/lib/auth/current-user";
import { messages } from "@/lib/i18n/messages";
import { failingJobs, jobCounts, notificationCounts } from "@/lib/ops/job-stats";
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
  const monitoring = await paymentMonitoring(db(), user, period);
  const [jobs, notifications, failing] = await Promise.all([jobCounts(db()), notificationCounts(db()), failingJobs(db(), user)]);
  return (
    <MonitoringView
      monitoring={monitoring}
      jobs={jobs}
      notifications={notifications}
      failing={failing}
      cleanup={user.role === "admin" ? runCleanupAction : undefined}
    />
  );
}
