import type { StaffAction } from "@/components/staff/action-state";
import { messages } from "@/lib/i18n/messages";
import type { JobQueue, NotificationCounts } from "@/lib/ops/job-stats";
import type { Monitoring } from "@/lib/ops/monitoring";
import { CleanupForm } from "./cleanup-form";
import { DailyTable } from "./daily-table";
import { GhostRecordsPanel } from "./ghost-records-panel";
import { JobQueuePanel } from "./job-queue-panel";
import { PaymentCharts } from "./payment-charts";
import { PaymentTiles } from "./payment-tiles";
import { PeriodNav } from "./period-nav";

/** /staff/monitoring: payments of the period (tiles, charts, the daily table), the SMS of the caller's clinics,
 * and for the platform admin the job queue, the ghost-record check and the clean-up (`queue` and `cleanup` are
 * passed only to them). */
export function MonitoringView({
  monitoring,
  queue,
  notifications,
  cleanup,
}: {
  monitoring: Monitoring;
  queue: JobQueue | null;
  notifications: NotificationCounts;
  cleanup?: StaffAction;
}) {
  return (
    <div className="stack">
      <h1>{messages.ops.monitoringTitle}</h1>
      <PeriodNav period={monitoring.period} />
      {monitoring.ghosts ? <GhostRecordsPanel ghosts={monitoring.ghosts} /> : null}
      <JobQueuePanel queue={queue} notifications={notifications} />
      <PaymentTiles monitoring={monitoring} />
      <PaymentCharts days={monitoring.days} />
      <DailyTable days={monitoring.days} />
      {cleanup ? <CleanupForm action={cleanup} /> : null}
    </div>
  );
}
