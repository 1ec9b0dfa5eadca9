import { formatJalaliDateTime, persianNumber } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import type { FailingJob, JobState } from "@/lib/ops/job-stats";

const t = messages.ops.jobs;

type Props = {
  jobs: Record<JobState, number>;
  notifications: Record<"pending" | "sent" | "failed", number>;
  failing: FailingJob[];
};

/** The job queue on /staff/monitoring: counts by state, notifications by status, and every job whose last
 * run failed — those that gave up first, in red. */
export function JobQueuePanel({ jobs, notifications, failing }: Props) {
  const gaveUp = jobs.failed > 0 || notifications.failed > 0;
  return (
    <section className={gaveUp ? "card stack alarm" : "card stack"} aria-labelledby="jobs-title" data-testid="job-queue">
      <h2 id="jobs-title">{t.title}</h2>
      <p className="hint">{t.hint}</p>
      <ul className="tiles">
        {(Object.keys(t.states) as JobState[]).map((state) => (
          <li key={state} className="card tile" data-testid={`jobs-${state}`} data-value={jobs[state]}>
            <span className="muted">{t.states[state]}</span>
            <strong>{persianNumber(jobs[state])}</strong>
          </li>
        ))}
        {(Object.keys(t.notifications) as (keyof typeof t.notifications)[]).map((status) => (
          <li key={status} className="card tile" data-testid={`notifications-${status}`} data-value={notifications[status]}>
            <span className="muted">{t.notifications[status]}</span>
            <strong>{persianNumber(notifications[status])}</strong>
          </li>
        ))}
      </ul>
      <h3>{t.failingTitle}</h3>
      {failing.length === 0 ? (
        <p>{t.noFailing}</p>
      ) : (
        <div className="table-wrap">
          <table className="data" data-testid="failing-jobs">
            <thead>
              <tr>
                {Object.values(t.columns).map((label) => (
                  <th key={label} scope="col">
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
