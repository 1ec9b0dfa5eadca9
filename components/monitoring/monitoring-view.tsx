import type { StaffAction } from "@/components/staff/action-state";
import { messages } from "@/lib/i18n/messages";
import type { FailingJob, JobState } from "@/lib/ops/job-stats";
import type { Monitoring } from "@/lib/ops/monitoring";
import { CleanupForm } from "./cleanup-form";
import { DailyTable } from "./daily-table";
import { GhostRecordsPanel } from "./ghost-records-panel";
import { JobQueuePanel } from "./job-queue-panel";
import { PaymentCharts } from "./payment-charts";
import { PaymentTiles } from "./payment-tiles";
import { PeriodNav } from "./period-nav";

/** /staff/monitoring: payments of the period (tiles, charts, the daily table), the job queue, and for the
 * platform admin the ghost-record check and the clean-up (`cleanup` is passed only to them). */
export function MonitoringView({
  monitoring,
  jobs,
  notifications,
  failing,
  cleanup,
}: {
  monitoring: Monitoring;
  jobs: Record<JobState, number>;
  notifications: Record<"pending" | "sent" | "failed" | "skipped", number>;
  failing: FailingJob[];
  cleanup?: StaffAction;
}) {
  return (
    <div className="stack">
      <h1>{messages.ops.monitoringTitle}</h1>
      <PeriodNav period={monitoring.period} />
      {monitoring.ghosts ? <GhostRecordsPanel ghosts={monitoring.ghosts} /> : null}
      <JobQueuePanel jobs={jobs} notifications={notifications} failing={failing} />
      <PaymentTiles monitoring={monitoring} />
      <PaymentCharts days={monitoring.days} />
      <DailyTable days={monitoring.days} />
      {cleanup ? <CleanupForm action={cleanup} /> : null}
    </div>
  );
}
