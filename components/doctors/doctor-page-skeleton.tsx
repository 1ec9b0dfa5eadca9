import { messages } from "@/lib/i18n/messages";

/** Shaped like the doctor page (profile, day strip, slot grid), so nothing jumps when the data arrives. */
export function DoctorPageSkeleton() {
  const line = (width: string) => <span className="skeleton skeleton-line" style={{ width }} />;
  return (
    <div aria-busy="true">
      <span className="visually-hidden" role="status">
        {messages.common.loading}
      </span>
      <div aria-hidden="true" className="stack">
        {line("12rem")}
        <div className="doctor-page">
          <div className="card stack">
            {line("50%")}
            {line("35%")}
            {line("90%")}
            {line("75%")}
            {line("60%")}
          </div>
          <div className="stack">
            {line("40%")}
            <div className="day-strip">
              {Array.from({ length: 7 }, (_, i) => (
                <span key={i} className="skeleton day-button" />
              ))}
            </div>
            <div className="card slot-grid">
              {Array.from({ length: 9 }, (_, i) => (
                <span key={i} className="skeleton slot-link" />
              ))}
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}
