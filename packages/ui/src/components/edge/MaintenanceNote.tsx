import type { EdgeWorker } from "../../api/types.js";

/**
 * Why a worker is in maintenance: the comment of the operator who asked for it, and the
 * reason the worker put itself there (its free disk or memory, its health check). The
 * worker lifts its own once healthy; an operator's stays until lifted.
 */
export function MaintenanceNote({ worker }: { worker: EdgeWorker }) {
  const comment = worker.maintenance_comment;
  const automatic = worker.self_maintenance_reason;
  if (comment === null && automatic === null) return <span className="muted">—</span>;
  return (
    <>
      {comment !== null ? <div>{comment}</div> : null}
      {automatic !== null ? (
        <div title="The worker put itself in maintenance and leaves it once healthy again">
          automatic: {automatic}
        </div>
      ) : null}
    </>
  );
}
