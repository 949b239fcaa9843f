import { Link } from "@tanstack/react-router";

/** DAGs › the DAG › the run (› the task): where a run's pages sit, each step a way back. */
export function RunBreadcrumbs({
  dagId,
  runId,
  taskId,
}: {
  dagId: string;
  runId: string;
  taskId?: string;
}) {
  return (
    <nav className="breadcrumbs" aria-label="Breadcrumbs">
      <Link to="/">DAGs</Link> ›{" "}
      <Link to="/dags/$dagId" params={{ dagId }}>
        {dagId}
      </Link>{" "}
      ›{" "}
      {taskId === undefined ? (
        <span aria-current="page">{runId}</span>
      ) : (
        <>
          <Link to="/dags/$dagId/runs/$runId" params={{ dagId, runId }}>
            {runId}
          </Link>{" "}
          › <span aria-current="page">{taskId}</span>
        </>
      )}
    </nav>
  );
}
