import type { StaffActionState } from "./action-state";

function Details({ lines }: { lines?: string[] }) {
  if (!lines?.length) return null;
  return (
    <ul data-testid="action-details">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

/** The answer of a staff action, announced to screen readers. */
export function ActionResult({ state }: { state: StaffActionState }) {
  if (state.status !== "done" && state.status !== "error") return null;
  return (
    <div className={state.status === "done" ? "alert success" : "alert error"} role={state.status === "done" ? "status" : "alert"}>
      <p>{state.message}</p>
      <Details lines={state.details} />
    </div>
  );
}
