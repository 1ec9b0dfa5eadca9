import { DataTable } from "@/components/ui/data-table";
import { StatTiles } from "@/components/ui/stat-tiles";
import { formatJalaliDateTime, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import type { JobQueue, JobState, NotificationCounts } from "@/lib/ops/job-stats";

const t = messages.ops.jobs;

type NotificationStatus = keyof NotificationCounts;

type Props = {
  /** The platform admin's only: null for a clinic admin, who sees their clinics' SMS alone. */
  queue: JobQueue | null;
  notifications: NotificationCounts;
};

/** The job queue on /staff/monitoring: counts by state, notifications by status, and every job whose last
 * run failed — those that gave up first, in red. */
export function JobQueuePanel({ queue, notifications }: Props) {
  const gaveUp = (queue?.jobs.failed ?? 0) > 0 || notifications.failed > 0;
  const tile = (prefix: string, key: string, label: string, value: number) => ({
    key: `${prefix}${key}`,
    label,
    value: persianNumber(value),
    raw: value,
  });
  return (
    <section className={gaveUp ? "card stack alarm" : "card stack"} aria-labelledby="jobs-title" data-testid="job-queue">
      <h2 id="jobs-title">{queue ? t.title : t.clinicTitle}</h2>
      <p className="hint">{queue ? t.hint : t.clinicHint}</p>
      <StatTiles
        testIdPrefix=""
        tiles={[
          ...(queue ? (Object.keys(t.states) as JobState[]).map((state) => tile("jobs-", state, t.states[state], queue.jobs[state])) : []),
          ...(Object.keys(t.notifications) as NotificationStatus[]).map((status) =>
            tile("notifications-", status, t.notifications[status], notifications[status]),
          ),
        ]}
      />
      {queue ? <FailingJobs failing={queue.failing} /> : null}
    </section>
  );
}

function FailingJobs({ failing }: { failing: JobQueue["failing"] }) {
  return (
    <>
      <h3>{t.failingTitle}</h3>
      {failing.length === 0 ? (
        <p>{t.noFailing}</p>
      ) : (
        <DataTable columns={Object.values(t.columns)} testId="failing-jobs" card={false}>
          {failing.map((job) => (
            <tr key={job.id} data-gave-up={job.gaveUp ? "true" : "false"}>
              <th scope="row" dir="ltr">
                {job.task}
              </th>
              <td>{t.attempts(job.attempts, job.maxAttempts)}</td>
              <td>{job.gaveUp ? <strong>{t.gaveUp}</strong> : formatJalaliDateTime(job.runAt)}</td>
              <td dir="ltr">{job.lastError}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
